using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Mapping;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>
/// Reads manifest files for checking: unlike <see cref="ManifestFolder.Load"/> it does not stop at the first problem,
/// and it also keeps the pod templates of workloads.
/// </summary>
public static class ManifestScanner
{
    /// <summary>How manifests read from standard input (the path <c>-</c>) are named in objects and problems.</summary>
    public const string StandardInputName = "<stdin>";

    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// Reads files and directories (their <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files, sorted by name; with
    /// <paramref name="recursive"/> also those of subdirectories). Objects without a namespace get <paramref name="defaultNamespace"/>.
    /// Throws <see cref="CniException"/> (<see cref="CniErrorCode.IoFailure"/>) naming the path when one does not exist or cannot be read.
    /// </summary>
    public static ManifestScan Scan(IEnumerable<string> paths, string defaultNamespace = KubeObjectFields.DefaultNamespace, bool recursive = false) =>
        Scan(paths, null, defaultNamespace, recursive);

    /// <summary>
    /// As <see cref="Scan(IEnumerable{string}, string, bool)"/>, where the path <c>-</c> stands for <paramref name="standardInput"/>
    /// (read as YAML, reported as <see cref="StandardInputName"/>), so that <c>kustomize build | multinetctl validate -</c> works.
    /// </summary>
    public static ManifestScan Scan(IEnumerable<string> paths, TextReader? standardInput, string defaultNamespace = KubeObjectFields.DefaultNamespace,
        bool recursive = false)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in paths.SelectMany(path => ExpandPath(path, recursive)))
        {
            // A file named directly and again through its directory is read once.
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(file);
            }
        }

        var state = new ScanState(defaultNamespace);
        foreach (var file in files)
        {
            if (file == StandardInputName)
            {
                var text = standardInput?.ReadToEnd() ?? throw new CniException(CniErrorCode.IoFailure, "\"-\": standard input is not available here");
                ScanDocuments(file, ManifestFileReader.ParseUntilError(text, file), state);
            }
            else
            {
                ScanDocuments(file, ManifestFileReader.ReadUntilError(file), state);
            }
        }

        return new ManifestScan { Files = files, Objects = state.Objects, Problems = state.Problems };
    }

    /// <summary>
    /// The manifest files of <paramref name="path"/>: itself when it is a file, its manifest files when it is a directory.
    /// Throws <see cref="CniException"/> (<see cref="CniErrorCode.IoFailure"/>) when it does not exist.
    /// </summary>
    public static IReadOnlyList<string> ExpandPath(string path, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path is "-" or StandardInputName)
        {
            return [StandardInputName];
        }

        if (Directory.Exists(path))
        {
            try
            {
                return [.. Directory.EnumerateFiles(path, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(file => ManifestExtensions.Any(ext => file.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CniException(CniErrorCode.IoFailure, $"manifest directory \"{path}\": cannot list: {e.Message}", null, e);
            }
        }

        return File.Exists(path)
            ? [path]
            : throw new CniException(CniErrorCode.IoFailure, $"manifest path \"{path}\": no such file or directory");
    }

    private static void ScanDocuments(string file, ManifestDocuments read, ScanState state)
    {
        for (var i = 0; i < read.Documents.Count; i++)
        {
            foreach (var found in ManifestObjectWalker.Walk(read.Documents[i]))
            {
                var podPath = ManifestKinds.PodPath(found.ApiVersion, found.Kind);
                if (podPath is not null || ManifestKinds.IsNetwork(found.ApiVersion, found.Kind))
                {
                    AddObject(file, i + 1, found, podPath, state);
                }
            }
        }

        if (read.Problem is not null)
        {
            state.Problems.Add(new ManifestProblem { File = file, Document = read.ErrorDocument, Message = read.Problem });
        }
    }

    private static void AddObject(string file, int document, ManifestObjectWalker.Found found, string? podPath, ScanState state)
    {
        var item = found.Item;
        ManifestProblem Problem(string label, string field, string message) =>
            new() { File = file, Document = document, Object = label, Field = Prefixed(found.ItemPath, field), Message = message };

        var unnamed = $"{found.Kind} (unnamed)";
        if (item["metadata"] is not (null or JsonObject))
        {
            state.Problems.Add(Problem(unnamed, "metadata", "must be a map"));
            return;
        }

        var metadata = item["metadata"] as JsonObject;
        var name = ManifestObjectWalker.Text(metadata?["name"]);
        var ns = metadata?["namespace"] is null ? state.DefaultNamespace : ManifestObjectWalker.Text(metadata["namespace"]);

        if (string.IsNullOrEmpty(name))
        {
            var given = metadata?["name"];
            state.Problems.Add(Problem(unnamed, "metadata.name",
                given is null || name is not null ? "is required" : $"must be a string, not {Describe(given)}"));
            return;
        }

        if (string.IsNullOrEmpty(ns))
        {
            state.Problems.Add(Problem($"{found.Kind} {name}", "metadata.namespace", "must be a non-empty string"));
            return;
        }

        var manifestObject = new ManifestObject
        {
            File = file,
            Document = document,
            ItemPath = found.ItemPath,
            ApiVersion = found.ApiVersion ?? "",
            Kind = found.Kind,
            Namespace = ns,
            Name = name,
            Json = item,
            PodPath = podPath,
        };
        var key = $"{found.Kind} {ns}/{name}";
        if (state.Origins.TryGetValue(key, out var first))
        {
            state.Problems.Add(Problem(manifestObject.Label, "metadata.name", $"is already defined in {first.File}:{first.Document}"));
            return;
        }

        state.Origins[key] = manifestObject;
        state.Objects.Add(manifestObject);
    }

    private static string Prefixed(string? itemPath, string field) => itemPath is null ? field : $"{itemPath}.{field}";

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a map",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an empty value",
    };

    private sealed class ScanState(string defaultNamespace)
    {
        public string DefaultNamespace { get; } = defaultNamespace;
        public List<ManifestObject> Objects { get; } = [];
        public List<ManifestProblem> Problems { get; } = [];
        public Dictionary<string, ManifestObject> Origins { get; } = new(StringComparer.Ordinal);
    }
}
