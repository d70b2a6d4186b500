# The palisade container image: one self-contained executable (and SQLite's native library) on a distroless base (no shell, no package
# manager), running as a non-root user, fine with a read-only root filesystem.
#   docker build -t palisade .        (docs/install.md: running it, in a cluster with deploy/rbac.yaml)
# The build stage runs on the builder's own platform and cross-publishes for the target (docker buildx --platform).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# ReadyToRun, composite with the framework: the code is compiled ahead of time, so a run starts without compiling
# most of it (about half the CPU of a short run; docs/performance.md, "Shipped executables"). Not
# compressed: a compressed bundle is unpacked into memory at every start, where its precompiled code goes unused.
RUN dotnet publish src/Palisade.Cli -c Release --os linux --arch $TARGETARCH --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:DebugType=none -o /out

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
# The executable and the native SQLite library of `palisade serve`, which a single file cannot hold without
# extracting it at start-up (impossible on a read-only root filesystem); the executable loads it from its folder.
COPY --from=build /out/ /usr/local/bin/
# No diagnostics IPC socket: the runtime would create it in /tmp, which a read-only root filesystem lacks.
ENV DOTNET_EnableDiagnostics=0
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/palisade"]
CMD ["--help"]
