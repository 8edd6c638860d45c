# syntax=docker/dockerfile:1
# The JuiceTokens node as a container image (docker-compose.yml runs three of them).
#   docker build -t juicetokens-node .
#   docker run -p 8080:8080 -v juice-data:/app/data juicetokens-node
# Stage 1 builds the shaded jar with the Maven Wrapper; stage 2 is a JRE with that jar only.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY webroot webroot
# ~/.m2 lives in a BuildKit cache mount: Maven, the dependencies and protoc are downloaded once per
# builder, not once per source change, and never end up in an image layer.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package \
 && cp target/juicetokens-node-fat.jar /juicetokens-node.jar

FROM eclipse-temurin:17-jre
# curl for the health check (the node answers /health 200 UP, 503 DOWN)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# The node runs as an unprivileged user; only /app/data is writable for it.
RUN groupadd --system --gid 10001 juice \
 && useradd --system --uid 10001 --gid juice --home-dir /app --no-create-home --shell /usr/sbin/nologin juice \
 && mkdir -p /app/data \
 && chown juice:juice /app/data
WORKDIR /app
COPY --from=build /juicetokens-node.jar /app/juicetokens-node.jar

# Every setting is a JT_* variable (README, "Configuration"); the image fixes only where data lives
# and the port. The JVM sizes its heap from the container's memory limit: 60 % leaves room for
# RocksDB's native memory, Netty's direct buffers and Hazelcast; an OutOfMemoryError ends the
# process so the restart policy starts a fresh one on the same data (every acknowledged write is
# synced) instead of a half-working node.
ENV JT_DATA_DIR=/app/data \
    JT_HTTP_PORT=8080 \
    JT_JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=10 -XX:+ExitOnOutOfMemoryError"
VOLUME /app/data
# 8080: HTTP (admin console, API, gRPC, /health, /metrics); 5701: Hazelcast; 5801: event bus when
# JT_CLUSTER_EVENT_BUS_PORT=5801 (docker-compose.yml sets it)
EXPOSE 8080 5701 5801
USER juice

HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${JT_HTTP_PORT}/health" || exit 1

# exec: java is PID 1 and gets SIGTERM directly (a clean stop, exit 143). Arguments after the image
# name replace "node": e.g. `docker run --rm --network <net> juicetokens-node health --node node1:8080`.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JT_JAVA_OPTS -jar /app/juicetokens-node.jar \"$@\"", "juice"]
CMD ["node"]
