namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>How to act as a ServiceAccount on the test server: a kubeconfig, and the bearer token in it.</summary>
public sealed record ServiceAccountCredentials(string KubeconfigPath, string Token);
