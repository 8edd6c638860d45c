# The docker-compose "netsim" tool: tc (iproute2) and iptables, and scripts/netsim.sh as entry point.
# It runs inside a node's network namespace (network_mode "service:<node>") with NET_ADMIN.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends iproute2 iptables \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/netsim.sh /usr/local/bin/netsim.sh
ENTRYPOINT ["bash", "/usr/local/bin/netsim.sh"]
CMD ["status"]
