{{/* Names, labels and the facts about each component that are not operator choices. */}}

{{- define "segmentation.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object; component objects add their selector labels, the others the instance. */}}
{{- define "segmentation.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: segmentation
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "segmentation.labels" -}}
{{ include "segmentation.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "name" "gateway") */}}
{{- define "segmentation.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "segmentation.componentName" -}}
{{- printf "%s-%s" (include "segmentation.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
What each component needs from the infrastructure: fixed by the code, not by the operator.
  db: PostgreSQL (DATABASE_URL, own schema, migrations)   kafka: KAFKA_BROKERS   mlflow: MLFLOW_TRACKING_URI
  subgraph: answers only the gateway (shared secret, NetworkPolicy)
*/}}
{{- define "segmentation.needs" -}}
gateway: { db: false, kafka: false, mlflow: false, subgraph: false, node: true, erasure: false }
ingestion: { db: true, kafka: true, mlflow: false, subgraph: true, node: true, erasure: true }
training: { db: true, kafka: true, mlflow: true, subgraph: true, node: true, erasure: true }
scoring: { db: true, kafka: true, mlflow: true, subgraph: true, node: true, erasure: true }
offers: { db: true, kafka: false, mlflow: false, subgraph: true, node: true, erasure: false }
web: { db: false, kafka: false, mlflow: false, subgraph: false, node: false, erasure: false }
{{- end -}}

{{- define "segmentation.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "segmentation.kafkaBrokers" -}}
{{- if .Values.devInfra.kafka.enabled -}}
{{- printf "%s-kafka:9092" (include "segmentation.fullname" .) -}}
{{- else -}}
{{- required "kafka.brokers is required (the operator's Kafka bootstrap servers), or set devInfra.kafka.enabled=true" .Values.kafka.brokers -}}
{{- end -}}
{{- end -}}

{{- define "segmentation.mlflowUrl" -}}
{{- if .Values.mlflow.enabled -}}
{{- printf "http://%s-mlflow:%v" .Release.Name (.Values.mlflow.service.port | default 5000) -}}
{{- else -}}
{{- required "externalMlflowUrl is required when mlflow.enabled=false" .Values.externalMlflowUrl -}}
{{- end -}}
{{- end -}}

{{- define "segmentation.databaseSecret" -}}
{{- required "secrets.database.existingSecret is required: create a Secret with the PostgreSQL URL (see NOTES / README)" .Values.secrets.database.existingSecret -}}
{{- end -}}

{{- define "segmentation.gatewaySecret" -}}
{{- required "secrets.gateway.existingSecret is required: create a Secret with the subgraph secret (and the JWT secret with auth.mode local; see README)" .Values.secrets.gateway.existingSecret -}}
{{- end -}}

{{/* The sign-in mode, checked: local tokens (a shared secret that mints any role) only when explicitly allowed. */}}
{{- define "segmentation.authMode" -}}
{{- if eq .Values.auth.mode "local" -}}
{{- if not .Values.auth.allowLocal -}}
{{- fail "auth.mode local (HS256 tokens signed with a shared secret) is for development: set auth.allowLocal=true to deploy it anyway, or use auth.mode oidc with auth.oidc.issuer" -}}
{{- end -}}
local
{{- else -}}
{{- $_ := required "auth.oidc.issuer is required with auth.mode oidc: the issuer URL of the organisation's OpenID Connect provider (see README)" .Values.auth.oidc.issuer -}}
oidc
{{- end -}}
{{- end -}}

{{/* Secret environment variables of one component, only as references. (dict "root" $ "name" "scoring") */}}
{{- define "segmentation.secretEnv" -}}
{{- $needs := index (include "segmentation.needs" .root | fromYaml) .name -}}
{{- if $needs.db }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "segmentation.databaseSecret" .root }}
      key: {{ .root.Values.secrets.database.urlKey }}
{{- end }}
{{- if or $needs.subgraph (eq .name "gateway") }}
- name: GATEWAY_SUBGRAPH_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "segmentation.gatewaySecret" .root }}
      key: {{ .root.Values.secrets.gateway.subgraphSecretKey }}
{{- end }}
{{- if $needs.erasure }}
- name: ERASURE_SALT
  valueFrom:
    secretKeyRef:
      name: {{ include "segmentation.gatewaySecret" .root }}
      key: {{ .root.Values.secrets.gateway.erasureSaltKey }}
{{- end }}
{{- if and (eq .name "gateway") (eq (include "segmentation.authMode" .root) "local") }}
- name: GATEWAY_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "segmentation.gatewaySecret" .root }}
      key: {{ .root.Values.secrets.gateway.jwtSecretKey }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by Deployments, Jobs and the CronJob. */}}
{{- define "segmentation.podCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
serviceAccountName: {{ if .root.Values.serviceAccount.create }}{{ include "segmentation.componentName" . }}{{ else }}default{{ end }}
automountServiceAccountToken: {{ .root.Values.serviceAccount.automountToken }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/*
Hooks of the Jobs that need PostgreSQL or Kafka before the services start. A development instance of
this release does not exist before install, so on install they run after it (and retry until it is up).
(dict "root" $ "dev" <development instance enabled>)
*/}}
{{- define "segmentation.setupHook" -}}
{{- if .dev -}}post-install,pre-upgrade{{- else -}}pre-install,pre-upgrade{{- end -}}
{{- end -}}
