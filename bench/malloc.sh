# Sourced by bench/resnet.sh and bench/epoch.sh: sets djl_alloc and torch_alloc, the command prefixes that choose
# each side's memory allocator.
# MALLOC=jemalloc runs both sides on jemalloc (Debian: libjemalloc2), MALLOC=jemalloc-djl only DJL, as robucap's stage
# services run where it is installed; unset, both use glibc's malloc.
jemalloc=(env LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
    MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1)
djl_alloc=(); torch_alloc=()
case "${MALLOC:-}" in
    jemalloc) djl_alloc=("${jemalloc[@]}"); torch_alloc=("${jemalloc[@]}") ;;
    jemalloc-djl) djl_alloc=("${jemalloc[@]}") ;;
esac
if [[ -n "${MALLOC:-}" && ! -f "${jemalloc[1]#LD_PRELOAD=}" ]]; then
    echo "MALLOC=$MALLOC needs jemalloc: apt-get install libjemalloc2" >&2
    exit 1
fi
