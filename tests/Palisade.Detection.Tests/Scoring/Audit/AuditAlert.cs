namespace Palisade.Detection.Tests.Scoring.Audit;

/// <summary>One alert of <c>audit -o json</c>, reduced to what the scorer reads.</summary>
public sealed record AuditAlert(string Rule, string User, string Verb, string Object, string Time, IReadOnlyList<string>? Opened)
{
    public (string Rule, string User, string Verb, string Object) Key => (Rule, User, Verb, Object);

    public override string ToString() => $"{Rule} {User} {Verb} {Object}";
}
