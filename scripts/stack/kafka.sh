# shellcheck shell=bash
# Apache Kafka, KRaft single node, jars resolved from Maven Central (no tarball download possible here).
# Sourced by scripts/stack.sh after common.sh: kafka_up, kafka_down, kafka_status.

# Pinned versions; the install marker makes `up` reinstall on a change.
# Kafka 3.9.2 is the newest 3.9.x on Maven Central (the 3.9 line is the chosen one: 4.x moves to log4j2
# and renames tool classes, so a bump there means revisiting the config below).
KAFKA_VERSION=3.9.2
KAFKA_SCALA=2.13
SLF4J_RELOAD4J_VERSION=1.7.36 # matches the slf4j-api 1.7.36 that Kafka 3.9 depends on
MAVEN_DEPENDENCY_PLUGIN_VERSION=3.8.1

: "${KAFKA_HOST:=127.0.0.1}"
: "${KAFKA_PORT:=9092}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
: "${KAFKA_BROKERS:=$KAFKA_HOST:$KAFKA_PORT}"
: "${STACK_KAFKA_TIMEOUT:=120}"

KAFKA_HOME=$STACK_DIR/kafka
KAFKA_LIBS=$KAFKA_HOME/libs
KAFKA_CONF=$KAFKA_HOME/config
KAFKA_DATA=$KAFKA_HOME/data
KAFKA_PID=$KAFKA_HOME/kafka.pid
KAFKA_LOG=$LOG_DIR/kafka.log
# -XX:-UsePerfData: no hsperfdata files in /tmp and a faster start; TieredStopAtLevel=1 for short tools.
KAFKA_TOOL_JAVA=(java -Xmx256m -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  "-Dlog4j.configuration=file:$KAFKA_CONF/tools-log4j.properties" -cp "$KAFKA_LIBS/*")

kafka_need_java() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

kafka_install() {
  local marker="$KAFKA_LIBS/.installed" want="kafka_$KAFKA_SCALA-$KAFKA_VERSION slf4j-reload4j-$SLF4J_RELOAD4J_VERSION"
  kafka_need_java
  if [[ -f $marker && $(<"$marker") == "$want" ]]; then return 0; fi
  say "kafka: installing $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS …"
  local build=$KAFKA_HOME/build tmp=$KAFKA_HOME/libs.tmp
  rm -rf "$build" "$tmp"
  mkdir -p "$build"
  # kafka-tools brings TopicCommand & co. (kafka-topics.sh), used for the ready check and by developers.
  cat >"$build/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.segmentation</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$KAFKA_SCALA</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_RELOAD4J_VERSION</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>$MAVEN_DEPENDENCY_PLUGIN_VERSION</version>
  </plugin></plugins></build>
</project>
EOF
  # The Maven repository stays inside the stack dir: nothing written to ~/.m2.
  (cd "$build" && MAVEN_OPTS="${MAVEN_OPTS:-} -XX:-UsePerfData" mvn -B -q -f pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" -Dmaven.repo.local="$STACK_DIR/m2") >>"$KAFKA_LOG" 2>&1 ||
    fail_component kafka "$KAFKA_LOG" "Maven could not resolve org.apache.kafka:kafka_$KAFKA_SCALA:$KAFKA_VERSION"
  # Swap in whole: an interrupted install never leaves a half-filled libs/ behind a marker.
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  printf '%s' "$want" >"$marker"
  rm -rf "$build"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  # Rewritten on every `up` so ports from .env apply; data and cluster id are untouched.
  cat >"$KAFKA_CONF/server.properties" <<EOF
# Written by scripts/stack.sh on every \`up\`; edit .env instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
# Topics are declared by the services (their own provisioning), never created by a typo'd consumer.
auto.create.topics.enable=false
num.partitions=3
# One node: internal topics with replication factor 1, or consumer groups never find a coordinator.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# No 3 s wait before the first group rebalance: tests start consuming at once.
group.initial.rebalance.delay.ms=0
EOF
  # Broker log: one file in the stack's log dir, INFO, with the chattiest loggers turned down.
  cat >"$KAFKA_CONF/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$KAFKA_LOG
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.apache.kafka.common.config=WARN
log4j.logger.kafka.server.KafkaConfig=WARN
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
EOF
  # Command-line tools: warnings only, on stderr.
  cat >"$KAFKA_CONF/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Format the storage once; the cluster id is kept so restarts (and re-formats after `rm -rf data`)
# reuse it.
kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  if [[ ! -s $KAFKA_HOME/cluster.id ]]; then
    "${KAFKA_TOOL_JAVA[@]}" kafka.tools.StorageTool random-uuid >"$KAFKA_HOME/cluster.id" 2>>"$KAFKA_LOG" ||
      fail_component kafka "$KAFKA_LOG" "could not generate a cluster id"
  fi
  say "kafka: formatting storage in $KAFKA_DATA (cluster id $(<"$KAFKA_HOME/cluster.id")) …"
  "${KAFKA_TOOL_JAVA[@]}" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(<"$KAFKA_HOME/cluster.id")" -c "$KAFKA_CONF/server.properties" >>"$KAFKA_LOG" 2>&1 ||
    fail_component kafka "$KAFKA_LOG" "storage format failed"
}

kafka_running() { pid_alive "$KAFKA_PID" ' kafka.Kafka '; }

# Ready = the broker answers a metadata request, not just an open port (KRaft opens the port before
# the broker is unfenced).
kafka_ready() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" &&
    timeout 30 "${KAFKA_TOOL_JAVA[@]}" org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list >/dev/null 2>&1
}

kafka_up() {
  local t0 how=''
  t0=$(now)
  mkdir -p "$KAFKA_HOME"
  # A running broker is left alone (no reinstall under its feet, even if the pin changed).
  if kafka_running; then
    how="already running"
    same_address kafka "$(cat "$KAFKA_HOME/kafka.addr" 2>/dev/null)" "$KAFKA_HOST:$KAFKA_PORT"
  else
    clear_stale_pid kafka "$KAFKA_PID"
    port_free kafka "$KAFKA_HOST" "$KAFKA_PORT"
    port_free kafka "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"
    kafka_install
    kafka_write_config
    kafka_format
    say "kafka: starting $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT …"
    # setsid: own session, so Ctrl-C on `npm run stack` or the end of the calling shell leaves it be.
    # The G1 flags are the ones kafka-server-start.sh uses.
    (cd "$KAFKA_HOME" && exec setsid nohup java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:-UsePerfData \
      -Djava.awt.headless=true "-Dkafka.logs.dir=$LOG_DIR" \
      "-Dlog4j.configuration=file:$KAFKA_CONF/log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF/server.properties" >>"$KAFKA_LOG" 2>&1 </dev/null 9>&-) &
    record_start "$!" "$KAFKA_PID" "$KAFKA_HOME/kafka.addr" "$KAFKA_HOST:$KAFKA_PORT"
  fi
  wait_ready kafka "$KAFKA_LOG" "$STACK_KAFKA_TIMEOUT" "$KAFKA_PID" kafka_ready
  say "kafka: up at $KAFKA_HOST:$KAFKA_PORT, pid $(<"$KAFKA_PID") (${how:-$(since "$t0")})"
}

# SIGTERM runs the broker's shutdown hook: logs flushed, a clean-shutdown marker written.
kafka_down() { stop_component kafka kafka_running "$KAFKA_PID" 30 no ', up to 30 s for a clean shutdown'; }

kafka_status() { status_of kafka kafka_running "$KAFKA_PID" "$KAFKA_HOST:$KAFKA_PORT" "$KAFKA_DATA" "$KAFKA_DATA"; }
