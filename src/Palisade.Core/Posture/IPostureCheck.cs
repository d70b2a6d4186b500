using Palisade.Findings;

namespace Palisade.Posture;

/// <summary>One posture check: stateless, it reads the context and yields findings of its own <see cref="IFindingRule{TContext}.Info"/>.</summary>
public interface IPostureCheck : IFindingRule<PostureContext>;
