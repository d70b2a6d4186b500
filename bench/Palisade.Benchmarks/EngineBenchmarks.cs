using BenchmarkDotNet.Attributes;
using Palisade.Connectivity;
using Palisade.Connectivity.Reachability;
using Palisade.Kubernetes;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Benchmarks;

/// <summary>BenchmarkDotNet suites of the engine: model build, full reachability, one query, loading, the reference.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EngineBenchmarks
{
    private NetworkSnapshot _cluster = null!;
    private PolicyEngine _engine = null!;
    private string _yaml = "";
    private PodEndpoint _source = null!;
    private PodEndpoint _destination = null!;
    private IncrementalReachability _incremental = null!;
    private NetworkPolicy _original = null!;
    private NetworkPolicy _changed = null!;

    [Params("S", "M")]
    public string Size { get; set; } = "S";

    [GlobalSetup]
    public void Setup()
    {
        _cluster = SyntheticCluster.Generate(ClusterSize.Named(Size));
        _engine = new PolicyEngine(_cluster);
        _yaml = SyntheticCluster.ToYaml(_cluster);
        _source = _engine.Pods[0];
        _destination = _engine.Pods[_engine.Pods.Count / 2];
        _incremental = new IncrementalReachability(_cluster);
        (_original, _changed) = TimedHarness.ChangedPolicy(_cluster);
    }

    [Benchmark]
    public PolicyEngine ModelBuild() => new(_cluster);

    [Benchmark]
    public int FullReachability() => ConnectivityAnalyzer.Analyze(_engine).Connections.Count;

    [Benchmark]
    public int OnePolicyChange()
    {
        _incremental.SetPolicy(_changed);
        return _incremental.SetPolicy(_original).Count;
    }

    [Benchmark]
    public ConnectionSet EvalQuery() => _engine.Allowed(_source, _destination);

    [Benchmark]
    public int YamlLoading() => ManifestSource.LoadText("synthetic.yaml", _yaml).Cluster.Network.Pods.Count;

    [Benchmark]
    public int ReferenceEvaluatorOnePort() => TimedHarness.ReferenceOnePort(_cluster);
}
