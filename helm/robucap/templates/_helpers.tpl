{{/* Labels every object of the release carries; "component" names the part (operator, augmenter, kafka, ...). */}}
{{- define "robucap.labels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: robucap
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "robucap.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Object names: <release>-<component>. */}}
{{- define "robucap.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "robucap.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name .root.Values.image.tag -}}
{{- end }}

{{- define "robucap.kafkaBootstrapServers" -}}
{{- if .Values.kafka.bootstrapServers -}}
{{- .Values.kafka.bootstrapServers -}}
{{- else if .Values.kafka.bundled.enabled -}}
{{- printf "%s:9092" (include "robucap.name" (dict "root" . "component" "kafka")) -}}
{{- else -}}
{{- fail "kafka.bootstrapServers is required when kafka.bundled.enabled is false" -}}
{{- end -}}
{{- end }}

{{- define "robucap.s3Endpoint" -}}
{{- if .Values.s3.endpoint -}}
{{- .Values.s3.endpoint -}}
{{- else if .Values.minio.enabled -}}
{{- printf "http://%s:9000" (include "robucap.name" (dict "root" . "component" "minio")) -}}
{{- else -}}
{{- fail "s3.endpoint is required when minio.enabled is false" -}}
{{- end -}}
{{- end }}

{{- define "robucap.s3Secret" -}}
{{- if .Values.s3.existingSecret -}}
{{- .Values.s3.existingSecret -}}
{{- else if .Values.s3.createSecret -}}
{{- include "robucap.name" (dict "root" . "component" "s3") -}}
{{- else -}}
{{- fail "name the S3 credentials Secret in s3.existingSecret or set s3.createSecret" -}}
{{- end -}}
{{- end }}

{{/* The env entries for the S3 keys, from the S3 Secret. */}}
{{- define "robucap.s3CredentialsEnv" -}}
- name: ROBUCAP_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef: {name: {{ include "robucap.s3Secret" . }}, key: accessKey}
- name: ROBUCAP_S3_SECRET_KEY
  valueFrom:
    secretKeyRef: {name: {{ include "robucap.s3Secret" . }}, key: secretKey}
{{- end }}

{{/* Prometheus scrape annotations of a Quarkus pod (metrics at /q/metrics on the http port). */}}
{{- define "robucap.scrapeAnnotations" -}}
{{- if .Values.metrics.scrape }}
prometheus.io/scrape: "true"
prometheus.io/port: "8080"
prometheus.io/path: /q/metrics
{{- end }}
{{- end }}

{{/* Pod-level security: non-root, the runtime's default seccomp profile. */}}
{{- define "robucap.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile: {type: RuntimeDefault}
{{- end }}

{{/* Container-level security: read-only root file system, no privilege escalation, no capabilities. */}}
{{- define "robucap.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
{{- end }}

{{/* Probes of a Quarkus service (SmallRye Health); startup allows slow first starts (DJL unpacks libtorch). */}}
{{- define "robucap.quarkusProbes" -}}
startupProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  periodSeconds: 5
  failureThreshold: 3
{{- end }}

{{- define "robucap.podScheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.image.pullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The Secret with key "token" that the stage services' REST triggers want as a bearer token. */}}
{{- define "robucap.authSecret" -}}
{{- if .Values.auth.existingSecret -}}
{{- .Values.auth.existingSecret -}}
{{- else -}}
{{- include "robucap.name" (dict "root" . "component" "auth") -}}
{{- end -}}
{{- end }}

{{/*
Env entries of every robucap JVM that talks to Kafka or S3 (operator, stages): the Kafka client settings file and the
S3 truststore, each only when its Secret is named.
*/}}
{{- define "robucap.tlsEnv" -}}
{{- if .Values.kafka.clientPropertiesSecret }}
- name: ROBUCAP_KAFKA_CLIENT_PROPERTIES
  value: /etc/robucap/kafka/client.properties
{{- end }}
{{- if .Values.s3.truststoreSecret }}
- name: JAVA_TOOL_OPTIONS
  value: {{ include "robucap.s3TruststoreOptions" . | quote }}
{{- end }}
{{- end }}

{{- define "robucap.s3TruststoreOptions" -}}
-Djavax.net.ssl.trustStore=/etc/robucap/s3/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12
{{- with .Values.s3.truststorePassword }} -Djavax.net.ssl.trustStorePassword={{ . }}{{ end }}
{{- end }}

{{/* The read-only mounts that go with robucap.tlsEnv. */}}
{{- define "robucap.tlsVolumeMounts" -}}
{{- if .Values.kafka.clientPropertiesSecret }}
- {name: kafka-client, mountPath: /etc/robucap/kafka/client.properties, subPath: client.properties, readOnly: true}
{{- end }}
{{- if .Values.kafka.tlsSecret }}
- {name: kafka-tls, mountPath: /etc/robucap/kafka/tls, readOnly: true}
{{- end }}
{{- if .Values.s3.truststoreSecret }}
- {name: s3-truststore, mountPath: /etc/robucap/s3, readOnly: true}
{{- end }}
{{- end }}

{{- define "robucap.tlsVolumes" -}}
{{- if .Values.kafka.clientPropertiesSecret }}
- name: kafka-client
  secret:
    secretName: {{ .Values.kafka.clientPropertiesSecret }}
    items: [{key: client.properties, path: client.properties}]
{{- end }}
{{- if .Values.kafka.tlsSecret }}
- name: kafka-tls
  secret:
    secretName: {{ .Values.kafka.tlsSecret }}
{{- end }}
{{- if .Values.s3.truststoreSecret }}
- name: s3-truststore
  secret:
    secretName: {{ .Values.s3.truststoreSecret }}
    items: [{key: truststore.p12, path: truststore.p12}]
{{- end }}
{{- end }}

{{/* Who counts as "the release" for the NetworkPolicies: the chart's pods and the operator's training Jobs, which
carry app.kubernetes.io/part-of: robucap too (but no instance label), in the release's namespace. */}}
{{- define "robucap.releasePeers" -}}
- podSelector:
    matchLabels: {app.kubernetes.io/part-of: robucap}
{{- end }}
