# firstline in a container: built with the same scripts as CI, run as a
# non-root user on a slim Debian 12 runtime.
#
#   docker build -t firstline .
#   docker run -p 50051:50051 firstline

FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN tools/install_deps.sh && tools/build.sh

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libabsl20220623 libre2-9 libhyperscan5 \
      libyaml-cpp0.7 libicu72 libstemmer0d libssl3 libtinyxml2-9 libcsv3 libsqlite3-0 \
      libhiredis0.14 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /opt/firstline firstline \
 && mkdir -p /var/lib/firstline && chown firstline /var/lib/firstline
WORKDIR /opt/firstline
COPY --from=build /src/build/bin/firstline-server /src/build/bin/firstline /usr/local/bin/
COPY --from=build /src/intents ./intents
COPY --from=build /src/rules ./rules
USER firstline
# Conversations and handoffs (SQLite); keep it on a volume so they survive
# the container. Replicas sharing a Redis server instead run with
# --store=redis://host:port.
VOLUME /var/lib/firstline
EXPOSE 50051
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["firstline", "health", "--server=127.0.0.1:50051"]
ENTRYPOINT ["firstline-server", "--listen=0.0.0.0:50051", "--pack=/opt/firstline", \
            "--cache_dir=/tmp/firstline-cache", "--data_dir=/var/lib/firstline"]
