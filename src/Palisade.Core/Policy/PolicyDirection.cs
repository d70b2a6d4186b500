namespace Palisade.Policy;

/// <summary>The direction of a rule, seen from the selected pod.</summary>
public enum PolicyDirection
{
    Ingress,
    Egress,
}
