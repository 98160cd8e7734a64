package dev.robucap.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** helm/robucap rendered with the helm that helm-java bundles (no helm binary), and its output parsed by fabric8. */
final class Chart {

    static final String RELEASE = "robucap";
    static final String NAMESPACE = "robucap";
    /** The Kubernetes version templates render for (helm template assumes an old one otherwise). */
    static final String KUBE_VERSION = "v1.32.0";

    private static final Pattern SOURCE = Pattern.compile("^# Source: robucap/(\\S+)$", Pattern.MULTILINE);

    private Chart() {
    }

    /** The repository's root (the surefire configuration passes it; the module's grandparent otherwise). */
    static Path root() {
        String root = System.getProperty("robucap.root");
        return (root != null ? Path.of(root) : Path.of("../..")).toAbsolutePath().normalize();
    }

    static Path dir() {
        return root().resolve("helm/robucap");
    }

    /** The chart's CRDs (helm installs crds/ before the templates; helm-java's template leaves them out). */
    static Map<String, String> crds() {
        Map<String, String> crds = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir().resolve("crds"))) {
            for (Path file : files.sorted().toList()) {
                crds.put("crds/" + file.getFileName(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds;
    }

    /** {@code helm template robucap helm/robucap -n robucap -f <values files> --set <sets>}, without the CRDs. */
    static String template(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    static String template(String... valuesFiles) {
        List<Path> files = new ArrayList<>();
        for (String file : valuesFiles) {
            files.add(dir().resolve(file));
        }
        return template(files, Map.of());
    }

    /** The rendered YAML by its source file (e.g. {@code templates/operator.yaml}), in render order. */
    static Map<String, String> bySource(String rendered) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String document : documents(rendered)) {
            Matcher source = SOURCE.matcher(document);
            if (!source.find()) {
                throw new IllegalStateException("a rendered document without a '# Source:' line: " + document);
            }
            sources.merge(source.group(1), document, (a, b) -> a + "---\n" + b);
        }
        return sources;
    }

    /** Every rendered object, as fabric8's typed model (a kind fabric8 does not know fails). */
    static List<HasMetadata> objects(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(rendered)) {
            HasMetadata object = Serialization.unmarshal(document, HasMetadata.class);
            if (object == null || object instanceof GenericKubernetesResource) {
                throw new IllegalStateException("not a known Kubernetes kind: " + document);
            }
            objects.add(object);
        }
        return objects;
    }

    /** The non-empty YAML documents of a multi-document stream, each ending with a newline. */
    static List<String> documents(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                documents.add(document.strip() + "\n");
            }
        }
        return documents;
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " rendered"));
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
