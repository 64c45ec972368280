using System.Text;
using System.Text.Json.Nodes;

namespace Dsl.Compiler.Tests.Fuzz;

/// <summary>
/// Value-level mutations of a JSON document: one or two values (or keys) replaced by extreme or odd
/// ones, removed or duplicated, so that cases get past the JSON syntax into the field checks (byte
/// mutations of JSON mostly break the syntax).
/// </summary>
public sealed class JsonMutator
{
    private static readonly Func<JsonNode?>[] Values =
    [
        () => JsonValue.Create(""), () => JsonValue.Create("calibration/\0.wav"), () => JsonValue.Create("../../*"),
        () => JsonValue.Create("/"), () => JsonValue.Create("*"), () => JsonValue.Create("a b;c$d"), () => JsonValue.Create("\u00ff\ud7ff"),
        () => JsonValue.Create(new string('x', 5000)), () => JsonValue.Create(0), () => JsonValue.Create(-1),
        () => JsonValue.Create(1e39), () => JsonValue.Create(-1e308), () => JsonValue.Create(5e-324), () => JsonValue.Create(2147483648L),
        () => JsonValue.Create(long.MinValue), () => JsonValue.Create(1.5), () => JsonValue.Create(true), () => null,
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray(JsonValue.Create("test/*.wav"), JsonValue.Create("")),
        () => new JsonArray(JsonValue.Create(1)),
    ];

    private static readonly string[] Keys = ["name", "frame", "switch", "threshold", "hold", "outputs", "mode", "model", "calibration", "test", ""];

    private readonly Random _random;

    public JsonMutator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A mutated copy of the JSON document <paramref name="seed"/> (unchanged if it does not parse).</summary>
    public byte[] Mutate(byte[] seed)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return seed;
        }

        if (root is null)
        {
            return seed;
        }

        int count = 1 + _random.Next(2);
        for (int i = 0; i < count; i++)
        {
            var containers = new List<JsonNode>();
            Collect(root, containers);
            MutateIn(containers[_random.Next(containers.Count)]);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private void MutateIn(JsonNode container)
    {
        if (container is JsonObject obj)
        {
            var keys = obj.Select(p => p.Key).ToList();
            string key = keys.Count > 0 ? keys[_random.Next(keys.Count)] : Keys[_random.Next(Keys.Length)];
            switch (_random.Next(4))
            {
                case 0:
                    obj.Remove(key);
                    break;
                case 1: // the value under another (or a new) key
                    JsonNode? moved = obj[key]?.DeepClone();
                    obj.Remove(key);
                    obj[Keys[_random.Next(Keys.Length)]] = moved;
                    break;
                default:
                    obj[key] = Values[_random.Next(Values.Length)]();
                    break;
            }
        }
        else if (container is JsonArray array)
        {
            if (array.Count > 0 && _random.Next(2) == 0)
            {
                array[_random.Next(array.Count)] = Values[_random.Next(Values.Length)]();
            }
            else
            {
                array.Add(Values[_random.Next(Values.Length)]());
            }
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var p in obj.ToList())
            {
                if (p.Value is not null)
                {
                    Collect(p.Value, into);
                }
            }
        }
        else if (node is JsonArray array)
        {
            into.Add(array);
            foreach (JsonNode? item in array.ToList())
            {
                if (item is not null)
                {
                    Collect(item, into);
                }
            }
        }
    }
}
