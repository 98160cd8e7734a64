#!/usr/bin/python3
"""Show, Attend and Tell decoder speed and memory in PyTorch, as dev.robucap.ml.bench.CaptionBench measures DJL.

The decoder's modules are the tutorial's, from tools/reference/make_caption_vectors.py (the vectors that prove the DJL
decoder equal to it); the forward pass, loss and beam search are written out here as the DJL side runs them:
  train_step_ms   median training step: 32 random encoder outputs (7x7 or 14x14 pixels, 512), captions of 13 to 20
                  tokens counting <start> and <end>, teacher forcing with the shrinking batch, train.py's loss
                  (cross-entropy over pack_padded_sequence + alpha_c * doubly stochastic regularisation), backward,
                  clip_gradient (element-wise +-5), Adam (lr 4e-4), dropout 0.5.
                  "pytorch" projects the encoder output for the attention once per batch, as the DJL decoder does;
                  "tutorial" reprojects it at every step, as the tutorial's Attention.forward does (the same result,
                  more work): a context row, not the one the ratios use.
  captions_per_s  median rate of a beam search (beam 3, 20 words) batched over 32 images as BeamSearch.java does it,
                  with the <end> logit pushed to -1e4 so that every caption takes the full 21 steps.
  rss_kib         resident memory after a tenth of the memory steps and after all of them (7x7, a fresh decoder).
Usage: /usr/bin/python3 pytorch_caption.py THREADS [WARMUP MEASURED MEMORY_STEPS]   (defaults 2 5 500; 0 skips memory)
BENCH_DEVICE=cuda runs it on the GPU (bench/gpu/run.sh; PyTorch >= 2.0): each step ends in a read of the loss or of the
top-k, which waits for its kernels.
"""
import gc
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "reference"))
from make_caption_vectors import Decoder, END, START  # noqa: E402

BATCH, VOCAB, TOKENS, BEAM, MAX_WORDS = 32, 10000, 20, 3, 20
EMBED = ATTENTION = DECODER = ENCODER = 512
DROPOUT, ALPHA_C, LEARNING_RATE, GRAD_CLIP = 0.5, 1.0, 4e-4, 5.0
FIRST_WORD = 4  # after <pad>, <start>, <end>, <unk>


def make_captions():
    """(BATCH, TOKENS) token ids and lengths 20 down to 13, as CaptionBench's."""
    lengths = torch.tensor([TOKENS - i % 8 for i in range(BATCH)])
    captions = torch.zeros(BATCH, TOKENS, dtype=torch.long)  # 0 = <pad>
    for i, n in enumerate(lengths.tolist()):
        captions[i, 0] = START
        captions[i, 1:n - 1] = torch.randint(FIRST_WORD, VOCAB, (n - 2,))
        captions[i, n - 1] = END
    return captions, lengths


def step(decoder, encoder_out, projected, embedded, h, c):
    """One decoding step for n rows, AttentionDecoder.step: (logits, alpha, h, c)."""
    attention = decoder.attention
    hidden = torch.relu(projected + attention.decoder_att(h).unsqueeze(1))  # (n, pixels, attention)
    alpha = torch.softmax(attention.full_att(hidden).squeeze(2), dim=1)  # (n, pixels)
    context = (encoder_out * alpha.unsqueeze(2)).sum(dim=1)  # (n, encoder)
    gated = torch.sigmoid(decoder.f_beta(h)) * context
    h, c = decoder.decode_step(torch.cat([embedded, gated], dim=1), (h, c))
    return decoder.fc(decoder.dropout(h)), alpha, h, c


def train_step(decoder, adam, encoder_out, captions, lengths, project_once):
    """The tutorial's forward (sorted, shrinking batch) and train.py's loss, clipping and Adam step."""
    lengths, order = lengths.sort(dim=0, descending=True)
    encoder_out, captions = encoder_out[order], captions[order]
    embeddings = decoder.embedding(captions)  # (batch, tokens, embed)
    decode_lengths = (lengths - 1).tolist()
    steps = max(decode_lengths)
    predictions = torch.zeros(BATCH, steps, VOCAB)
    alphas = torch.zeros(BATCH, steps, encoder_out.size(1))
    projected = decoder.attention.encoder_att(encoder_out) if project_once else None
    h, c = decoder.init_hidden_state(encoder_out)
    for t in range(steps):
        m = sum(n > t for n in decode_lengths)
        rows = projected[:m] if project_once else decoder.attention.encoder_att(encoder_out[:m])
        logits, alpha, h, c = step(decoder, encoder_out[:m], rows, embeddings[:m, t], h[:m], c[:m])
        predictions[:m, t] = logits
        alphas[:m, t] = alpha
    scores = pack_padded_sequence(predictions, decode_lengths, batch_first=True).data
    targets = pack_padded_sequence(captions[:, 1:], decode_lengths, batch_first=True).data
    loss = F.cross_entropy(scores, targets) + ALPHA_C * ((1. - alphas.sum(dim=1)) ** 2).mean()
    adam.zero_grad()
    loss.backward()
    for p in decoder.parameters():
        p.grad.data.clamp_(-GRAD_CLIP, GRAD_CLIP)
    adam.step()
    return loss.item()


def beam_search(decoder, encoder_out, k, max_words):
    """BeamSearch.java: k rows per image in one decoder step; finished sequences set aside, done images leave."""
    images, vocab = encoder_out.size(0), decoder.vocab_size
    encoded = encoder_out.repeat_interleave(k, dim=0)  # (images * k, pixels, encoder)
    projected = decoder.attention.encoder_att(encoded)
    h, c = decoder.init_hidden_state(encoded)
    active, live = list(range(images)), [k] * images
    scores = [0. if r % k == 0 else -math.inf for r in range(images * k)]  # step 1: one <start> per image
    slots, words = [None] * (images * k), [START] * (images * k)
    complete, results = [[] for _ in range(images)], [None] * images
    step_number = 1
    while active:
        logits, alpha, h, c = step(decoder, encoded, projected, decoder.embedding(torch.tensor(words)), h, c)
        total = F.log_softmax(logits, dim=1) + torch.tensor(scores).unsqueeze(1)
        top_scores, top_indices = total.view(len(active), k * vocab).topk(k, dim=1)
        top_scores, top_indices, alphas = top_scores.tolist(), top_indices.tolist(), alpha.cpu().numpy()
        kept, parents, scores, slots_next, words = [], [], [], [], []
        for a, image in enumerate(active):
            going = []
            for j in range(live[image]):
                row, word = a * k + top_indices[a][j] // vocab, top_indices[a][j] % vocab
                node = (slots[row], word, alphas[row].copy(), top_scores[a][j])  # (parent, word, alpha, score)
                if word == END:
                    complete[image].append(node)
                else:
                    going.append((node, row))
            live[image] = len(going)
            if not going or step_number > max_words:
                results[image] = best(complete[image], [node for node, _ in going])
                continue
            kept.append(a)
            for s in range(k):  # unused slots: score -inf, so that the tensors keep k rows per image
                node, row = going[s] if s < len(going) else (None, a * k)
                parents.append(row)
                slots_next.append(node)
                scores.append(node[3] if node else -math.inf)
                words.append(node[1] if node else END)
        if kept:
            parents = torch.tensor(parents)
            h, c = h[parents], c[parents]
            if len(kept) < len(active):
                rows = torch.tensor([a * k + s for a in kept for s in range(k)])
                encoded, projected = encoded[rows], projected[rows]
        active, slots = [active[a] for a in kept], slots_next
        step_number += 1
    return results


def best(complete, live):
    """Token ids of the best completed sequence (first of equals), else of the best live one."""
    node = max(complete, key=lambda n: n[3]) if complete else live[0]
    tokens = []
    while node:
        tokens.append(node[1])
        node = node[0]
    return [START] + tokens[::-1]


def resident_kib():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def new_decoder():
    return Decoder(ATTENTION, EMBED, DECODER, VOCAB, ENCODER, DROPOUT)


def median_after(values, skip):
    return statistics.median_high(values[skip:])  # of an even count, the upper middle, as CaptionBench's


def main():
    threads = int(sys.argv[1])
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    measured = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    memory_steps = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)  # as -Dai.djl.pytorch.num_interop_threads=1
    torch.manual_seed(0)
    device = os.environ.get("BENCH_DEVICE", "cpu")
    if device != "cpu":
        torch.set_default_device(device)
    captions, lengths = make_captions()
    for side in (7, 14):
        encoder_out = torch.randn(BATCH, side * side, ENCODER)
        for name, project_once in (("pytorch", True), ("tutorial", False)):
            decoder = new_decoder().train()
            adam = torch.optim.Adam(decoder.parameters(), lr=LEARNING_RATE)
            times = []
            for _ in range(warmup + measured):
                start = time.perf_counter()
                train_step(decoder, adam, encoder_out, captions, lengths, project_once)
                times.append((time.perf_counter() - start) * 1000)
            print("%s train_step_ms %dx%d %.1f" % (name, side, side, median_after(times, warmup)))
        decoder = new_decoder().eval()
        with torch.no_grad():
            decoder.fc.bias[END] = -1e4  # no beam ends before MAX_WORDS: the same work as on the DJL side
            rates = []
            for _ in range(warmup + measured):
                start = time.perf_counter()
                beam_search(decoder, encoder_out, BEAM, MAX_WORDS)
                rates.append(BATCH / (time.perf_counter() - start))
        print("pytorch captions_per_s %dx%d %.1f" % (side, side, median_after(rates, warmup)))
    if memory_steps > 0:
        first, rss = max(1, memory_steps // 10), {}
        decoder = new_decoder().train()
        adam = torch.optim.Adam(decoder.parameters(), lr=LEARNING_RATE)
        encoder_out = torch.randn(BATCH, 49, ENCODER)
        for number in range(1, memory_steps + 1):
            train_step(decoder, adam, encoder_out, captions, lengths, True)
            if number in (first, memory_steps):
                gc.collect()
                rss[number] = resident_kib()
        for number in (first, memory_steps):
            print("pytorch rss_kib step=%d %d" % (number, rss[number]))


if __name__ == "__main__":
    main()
