package dev.robucap.evaluator.serving;

import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.InvalidKeyException;
import dev.robucap.common.store.Keys;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.ObjectInfo;
import dev.robucap.ml.caption.CaptionerModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The captioners that can serve: the published captioner-trainer outputs ({@code models/captioner-trainer-<key>},
 * a manifest of that stage), named by prefix or by last segment, loaded on first use and kept in a
 * {@link ModelCache}. A published output never changes under its content key, so a loaded one is never stale.
 */
@ApplicationScoped
public class CaptionModels {

    private static final Logger LOG = Logger.getLogger(CaptionModels.class);
    static final String STAGE = "captioner-trainer";
    private static final String FOLDER = "models/";

    private final ArtifactStore store;
    private final ModelCache<ServedCaptioner> cache;
    private final Counter loads;

    @Inject
    public CaptionModels(ArtifactStore store, ServingConfig config, MeterRegistry meters) {
        this.store = store;
        this.cache = new ModelCache<>(config.models(), this::load, ServedCaptioner::close);
        this.loads = meters.counter("robucap_captioner_loads_total");
    }

    /** What {@code GET /v1/models} says of a published captioner. */
    public record Summary(String prefix, String variant, String encoderVariant, double bestDevBleu4,
                          Instant createdAt) {
    }

    /** Every published captioner, newest first; one whose model.json cannot be read is left out and logged. */
    public List<Summary> list() {
        List<String> prefixes;
        try (Stream<ObjectInfo> objects = store.stream(FOLDER + STAGE + "-")) {
            prefixes = objects.map(ObjectInfo::key).filter(key -> key.endsWith("/" + Manifest.FILE_NAME))
                    .map(key -> key.substring(0, key.length() - Manifest.FILE_NAME.length() - 1)).toList();
        }
        List<Summary> models = new ArrayList<>();
        for (String prefix : prefixes) {
            published(prefix).ifPresent(manifest -> {
                try {
                    CaptionerModel model = CaptionerModel.fromJson(store.getBytes(prefix + "/model.json"));
                    models.add(new Summary(prefix, model.variant(), model.encoderVariant(), model.bestDevBleu4(),
                            manifest.createdAt()));
                } catch (RuntimeException e) {
                    LOG.warnf("%s is published but its model.json cannot be read: %s", prefix, e.getMessage());
                }
            });
        }
        models.sort(Comparator.comparing(Summary::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return models;
    }

    /**
     * The captioner {@code name} names: a prefix ({@code models/captioner-trainer-<key>}) or its last segment.
     *
     * @throws NotFoundException when no captioner-trainer output is published there
     */
    ServedCaptioner get(String name) {
        String prefix = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return cache.get(prefix.contains("/") ? prefix : FOLDER + prefix);
    }

    private ServedCaptioner load(String prefix) {
        try {
            Keys.validate(prefix);
        } catch (InvalidKeyException e) {
            throw unknown(prefix);
        }
        if (published(prefix).isEmpty()) {
            throw unknown(prefix);
        }
        CaptionerModel model = CaptionerModel.fromJson(store.getBytes(prefix + "/model.json"));
        WordMap words = WordMap.fromJson(store.getBytes(prefix + "/wordmap.json"));
        ServedCaptioner captioner = ServedCaptioner.load(prefix, model, words,
                store.getBytes(prefix + "/model.params"));
        loads.increment();
        LOG.infof("loaded captioner %s (%s on encoder %s)", prefix, model.variant(), model.encoderVariant());
        return captioner;
    }

    private Optional<Manifest> published(String prefix) {
        return store.manifest(prefix).filter(manifest -> STAGE.equals(manifest.stage()));
    }

    private static NotFoundException unknown(String prefix) {
        return new NotFoundException("no published captioner at " + Keys.quote(prefix) + ": name a captioner-trainer"
                + " output by its prefix (" + FOLDER + STAGE + "-<key>) or its last segment;"
                + " GET /v1/models lists them");
    }

    @PreDestroy
    void close() {
        cache.close();
    }
}
