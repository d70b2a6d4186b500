namespace Palisade.Detection.Tests.Scenarios.Cluster;

/// <summary>A node: its InternalIP, its pod CIDR, and whether it runs the API server.</summary>
public sealed record ClusterNode(string Name, string Ip, string PodCidr, bool ControlPlane)
{
    /// <summary>How alerts name a node.</summary>
    public string AlertName => "node/" + Name;

    /// <summary>A stable VPC interface id for the node, used by the VPC writers.</summary>
    public string InterfaceId => "eni-0" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Name)))[..16].ToLowerInvariant();
}
