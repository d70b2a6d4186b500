using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>
/// What goes wrong between Palisade and the API server, each one line: refused credentials and permissions, expired
/// continue tokens, dropped and slow connections, an unreachable or untrusted server.
/// </summary>
public sealed class LiveFailureTests
{
    private const string ReaderToken = "reader-token";
    private const string Reader = "system:serviceaccount:palisade:reader";
    private const string RbacHint = "palisade needs get, list and watch on the kinds it reads: bind the ClusterRole palisade-reader of deploy/rbac.yaml, or add --allow-partial to read only what is allowed";

    private static readonly string SevenPods = string.Join("---\n", Enumerable.Range(0, 7).Select(i =>
        $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: shop, labels: {{app: a{i}}}}}\n"));

    [Fact]
    public async Task An_expired_continue_token_restarts_the_list_once()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(FakeFault.ExpiredContinue(), r => r.Resource == FakeResources.Pods && r.Continue is not null, times: 1);

        var (cluster, _) = fake.Read(fake.Request() with { PageSize = 3 });

        Assert.Equal(7, cluster.Network.Pods.Count);
        Assert.Equal([false, true, false, true, true], fake.Lists(FakeResources.Pods).Select(r => r.Continue is not null));
    }

    [Fact]
    public async Task A_second_expired_continue_token_is_an_error()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(FakeFault.ExpiredContinue(), r => r.Resource == FakeResources.Pods && r.Continue is not null, times: 2);

        var error = fake.Error(fake.Request() with { PageSize = 3 });

        Assert.Equal($"{Name(fake)}: listing pods: the API server answered 410 Gone: The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_dropped_during_a_list_is_tried_once_more(bool midBody)
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(midBody ? FakeFault.DropMidBody() : FakeFault.Drop(), r => r.Resource == FakeResources.Pods && r.Continue is not null, times: 1);

        var (cluster, _) = fake.Read(fake.Request() with { PageSize = 3 });

        Assert.Equal(7, cluster.Network.Pods.Count);
        Assert.Equal(4, fake.Lists(FakeResources.Pods).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_dropped_twice_is_an_error(bool midBody)
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(midBody ? FakeFault.DropMidBody() : FakeFault.Drop(), r => r.Resource == FakeResources.Pods && r.Continue is not null, times: 2);

        var error = fake.Error(fake.Request() with { PageSize = 3 });

        Assert.StartsWith($"{Name(fake)}: listing pods: the connection dropped, twice (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_slow_answer_within_the_time_limit_is_waited_for()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(FakeFault.Slow(TimeSpan.FromMilliseconds(300)), r => r.Resource == FakeResources.Pods, times: 1);

        var (cluster, _) = fake.Read(fake.Request() with { RequestTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(7, cluster.Network.Pods.Count);
        Assert.Single(fake.Lists(FakeResources.Pods));
    }

    [Fact]
    public async Task No_answer_within_the_time_limit_twice_is_an_error()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.Inject(FakeFault.Slow(TimeSpan.FromSeconds(10)), r => r.Resource == FakeResources.Pods, times: 2);

        // Long enough that the other lists answer in time on a loaded machine (0.3 s did not, twice in whole-suite runs).
        var error = fake.Error(fake.Request() with { RequestTimeout = TimeSpan.FromSeconds(2.5) });

        Assert.Equal($"{Name(fake)}: listing pods: no answer within 2.5 s, twice", error.Message);
        Assert.Equal(2, fake.Lists(FakeResources.Pods).Count);
    }

    [Fact]
    public async Task Refused_credentials_are_one_line()
    {
        await using var fake = await FakeCluster.StartAsync();
        var kubeconfig = fake.Api.WriteKubeconfig(Path.Combine(fake.Folder, "wrong-token"), "not-a-token");

        var error = fake.Error(fake.Request(kubeconfig));

        Assert.Equal($"{Name(fake)}: the API server refused the credentials (401 Unauthorized): the token or client certificate is wrong or has expired", error.Message);
    }

    [Fact]
    public async Task A_refused_list_names_the_resource_and_verb_and_the_role_to_bind()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.AddUser(ReaderToken, Reader);
        fake.Api.Forbid(r => r.User == Reader && r.Resource is { Group: "rbac.authorization.k8s.io" } or { Plural: "pods" });

        var error = fake.Error(fake.Request(fake.Api.WriteKubeconfig(Path.Combine(fake.Folder, "reader"), ReaderToken)));

        Assert.Equal($"{Name(fake)}: pods is forbidden: User \"{Reader}\" cannot list resource \"pods\" in API group \"\" at the cluster scope; {RbacHint}", error.Message);
    }

    [Fact]
    public async Task A_refusal_stops_new_kinds_from_being_listed()
    {
        await using var fake = await FakeCluster.StartAsync();
        fake.Api.AddUser(ReaderToken, Reader);
        fake.Api.Forbid(r => r.User == Reader);

        var error = fake.Error(fake.Request(fake.Api.WriteKubeconfig(Path.Combine(fake.Folder, "nobody"), ReaderToken)) with { Parallelism = 2 });

        Assert.Contains("cannot list resource \"namespaces\"", error.Message, StringComparison.Ordinal);
        Assert.InRange(fake.Api.Requests.Count(r => r.Verb == "list"), 2, 4);
    }

    [Fact]
    public async Task With_allow_partial_the_refused_kinds_are_reported_and_the_others_read()
    {
        await using var fake = await FakeCluster.StartAsync(SevenPods);
        fake.Api.AddUser(ReaderToken, Reader);
        fake.Api.Forbid(r => r.User == Reader && r.Resource is { Group: "rbac.authorization.k8s.io" });

        var (cluster, read) = fake.Read(fake.Request(fake.Api.WriteKubeconfig(Path.Combine(fake.Folder, "reader"), ReaderToken)) with { AllowPartial = true });

        Assert.Equal(7, cluster.Network.Pods.Count);
        Assert.Equal(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"], read.Refused.Select(u => u.Kind));
        Assert.Equal("clusterroles.rbac.authorization.k8s.io", read.Refused[1].Resource);
        Assert.Equal($"clusterroles.rbac.authorization.k8s.io is forbidden: User \"{Reader}\" cannot list resource \"clusterroles\" in API group \"rbac.authorization.k8s.io\" at the cluster scope", read.Refused[1].Reason);
        Assert.All(read.Refused, u => Assert.Equal("rbac", u.Effect.OffCategory));
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line()
    {
        await using var fake = await FakeCluster.StartAsync();
        var server = LoopbackPorts.ClosedHttps();
        var kubeconfig = Kubeconfigs.Write(Path.Combine(fake.Folder, "closed"), [("gone", server, "t")]);

        var error = fake.Error(fake.Request(kubeconfig));

        Assert.Equal($"context \"gone\" ({server}): cannot reach the API server: Connection refused", error.Message);
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_is_a_TLS_failure()
    {
        await using var fake = await FakeCluster.StartAsync();
        var server = fake.Api.BaseAddress.ToString().TrimEnd('/');
        var kubeconfig = Kubeconfigs.Write(Path.Combine(fake.Folder, "other-ca"), [("fake", server, FakeApiServer.AdminToken)], authorityData: Kubeconfigs.UnknownAuthority());

        var error = fake.Error(fake.Request(kubeconfig));

        Assert.StartsWith($"context \"fake\" ({server}): TLS handshake with the API server failed: ", error.Message);
        Assert.EndsWith("(its certificate is not signed by the kubeconfig's certificate-authority, or the address is not in it)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static string Name(FakeCluster fake) => $"context \"fake\" ({fake.Api.BaseAddress.ToString().TrimEnd('/')})";
}
