using Palisade.Findings;
namespace Palisade.Posture;

/// <summary>One posture check: stateless, it reads the context and yields findings of its own <see cref="Info"/>.</summary>
public interface IPostureCheck
{
    /// <summary>The check's id, name, severity and references.</summary>
    RuleInfo Info { get; }

    /// <summary>The findings on this cluster.</summary>
    IEnumerable<Finding> Run(PostureContext context);
}
