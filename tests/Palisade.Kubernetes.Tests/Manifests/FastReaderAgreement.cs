using System.Text;
using Palisade.Kubernetes.Manifests;
using Palisade.Kubernetes.Manifests.Tokens;
using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Tests.Manifests;

/// <summary>
/// Reads one input with both readers, the fast one and YamlDotNet's, and says how they differ: object by object,
/// the mapped cluster objects (metadata, content, warnings, or the error), the whole body (as audit replay keeps it),
/// the marks of every field and where each field is located, and what was
/// ignored. An input the fast reader hands over to the general one agrees by construction; it must not accept
/// one the general reader rejects.
/// </summary>
internal static class FastReaderAgreement
{
    /// <summary>Whether the fast reader took the input, and every difference found (none when they agree).</summary>
    public static (bool Fast, List<string> Differences) Compare(string name, byte[] bytes) => Compare(name, bytes, out _);

    /// <summary>As <see cref="Compare(string, byte[])"/>, with why the fast reader handed the input over (null when it did not).</summary>
    public static (bool Fast, List<string> Differences) Compare(string name, byte[] bytes, out string? handedOver)
    {
        var differences = new List<string>();
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true).ReadToEnd();
        ManifestReadResult? general = null;
        string? generalError = null;
        try
        {
            general = ManifestReader.ReadGeneral(name, text);
        }
        catch (InvalidInputException e)
        {
            generalError = e.Message;
        }
        handedOver = null;
        List<ManifestObject> objects;
        List<Palisade.Kubernetes.Manifests.IgnoredObject> ignored;
        try
        {
            (objects, ignored) = FastFileReader.Read(name, bytes);
        }
        catch (UnsupportedInputException e)
        {
            handedOver = e.Message;
            return (false, differences);
        }
        if (general is null)
        {
            differences.Add($"{name}: the fast reader accepts what the general reader rejects: {generalError}");
            return (true, differences);
        }
        if (general.Warnings.Count > 0)
            differences.Add($"{name}: the general reader warns ({general.Warnings[0]}), the fast reader did not hand the file over");
        if (!general.Ignored.SequenceEqual(ignored))
            differences.Add($"{name}: ignored objects differ");
        if (general.Objects.Count != objects.Count)
        {
            differences.Add($"{name}: {general.Objects.Count} objects, fast {objects.Count}");
            return (true, differences);
        }
        for (var i = 0; i < objects.Count; i++)
            CompareObject($"{name}#{i}", general.Objects[i], objects[i], differences);
        return (true, differences);
    }

    private static void CompareObject(string name, ManifestObject expected, ManifestObject actual, List<string> differences)
    {
        if (expected.Kind != actual.Kind || expected.ApiVersion != actual.ApiVersion)
        {
            differences.Add($"{name}: {expected.ApiVersion}/{expected.Kind} read as {actual.ApiVersion}/{actual.Kind}");
            return;
        }
        CompareLocated(name, expected.Locations, actual.Locations, differences);
        var (expectedMapped, expectedError) = Map(expected);
        var (actualMapped, actualError) = Map(actual);
        if (expectedError != actualError)
            differences.Add($"{name}: mapping gives \"{expectedError}\", fast \"{actualError}\"");
        if (expectedMapped is not null && actualMapped is not null)
        {
            var (e, a) = (expectedMapped.Object, actualMapped.Object);
            if (!e.Meta.Resource.Equals(a.Meta.Resource))
                differences.Add($"{name}: resource {e.Meta.Resource} at {e.Meta.Resource.Location}, fast {a.Meta.Resource} at {a.Meta.Resource.Location}");
            if (!Equals(e.Meta.Controller, a.Meta.Controller))
                differences.Add($"{name}: controller {e.Meta.Controller}, fast {a.Meta.Controller}");
            if (!e.Meta.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(a.Meta.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal)))
                differences.Add($"{name}: annotations differ");
            if (!e.Content.Equals(a.Content) && Render(e.Content) != Render(a.Content))
                differences.Add($"{name}: content {Render(e.Content)}, fast {Render(a.Content)}");
            if (!expectedMapped.Warnings.SequenceEqual(actualMapped.Warnings))
                differences.Add($"{name}: warnings [{string.Join("; ", expectedMapped.Warnings)}], fast [{string.Join("; ", actualMapped.Warnings)}]");
        }
        var (expectedBody, actualBody) = (k8s.KubernetesJson.Serialize(expected.Model), k8s.KubernetesJson.Serialize(actual.Complete?.Invoke() ?? actual.Model));
        if (expectedBody != actualBody)
            differences.Add($"{name}: body {expectedBody}, fast {actualBody}");
        var (expectedMarks, actualMarks) = (expected.Locations.Marks, actual.Locations.Marks);
        foreach (var (path, mark) in expectedMarks)
        {
            if (!actualMarks.TryGetValue(path, out var other) || other != mark)
                differences.Add($"{name}: {path} at {mark}, fast {(actualMarks.ContainsKey(path) ? other.ToString() : "missing")}");
        }
        if (actualMarks.Count != expectedMarks.Count)
            differences.Add($"{name}: {expectedMarks.Count} marks, fast {actualMarks.Count}");
    }

    /// <summary>
    /// Locating one field (which the fast reader does without working out every mark): each field, a field below it
    /// that is absent and an item past a list's end are found where the general reader's marks put them or their
    /// nearest parent. Asked before anything works out the fast object's marks.
    /// </summary>
    private static void CompareLocated(string name, FieldLocations expected, FieldLocations actual, List<string> differences)
    {
        foreach (var path in expected.Marks.Keys)
        {
            foreach (var asked in (string[])[path, $"{path}.absent", $"{path}[99]"])
            {
                if (!Equals(actual.Of(asked), expected.Of(asked)))
                    differences.Add($"{name}: {asked} located at {expected.Of(asked)}, fast {actual.Of(asked)}");
            }
        }
    }

    /// <summary>
    /// The public properties of a value, recursively, for content whose records compare some members by
    /// reference (an ipBlock's address set).
    /// </summary>
    private static string Render(object? value, int depth = 0) => value switch
    {
        null => "null",
        _ when depth > 12 => "...",
        string or ValueType or System.Net.IPAddress or Palisade.Net.IpSet or Palisade.Labels.LabelSet or Palisade.Labels.LabelSelector => value.ToString()!,
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(i => Render(i, depth + 1))) + "]",
        _ => "{" + string.Join(",", value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name)
            .Select(p => $"{p.Name}={Render(p.GetValue(value), depth + 1)}")) + "}",
    };

    private static (MappedObject? Mapped, string? Error) Map(ManifestObject o)
    {
        try
        {
            return (ObjectMapper.Map(o.Kind, o.Model, o.Locations), null);
        }
        catch (InvalidInputException e)
        {
            return (null, e.Message);
        }
    }
}
