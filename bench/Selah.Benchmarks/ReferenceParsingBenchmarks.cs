using System.Text;
using BenchmarkDotNet.Attributes;
using Selah.Server.Features.Scripture;

namespace Selah.Benchmarks;

/// <summary>
/// Scripture reference parsing (<see cref="ReferenceParser"/>) over a corpus of sermon-note sentences, most with one or more
/// references and some with none. Each operation is one sentence (OperationsPerInvoke), so Mean is time per sentence.
/// </summary>
[MemoryDiagnoser]
public class ReferenceParsingBenchmarks
{
    private static readonly string[] Templates =
    [
        "This week we read {0} together and talked about grace.",
        "The sermon text was {0}; the call to worship came from {1}.",
        "Memorise {0} before Sunday!",
        "Small groups will study {0}, then {1} and finally {2}.",
        "Bring your Bible and a notebook, we start at 7:30 in room 12 and finish by 9.",
        "(See {0}, compare {1}.)",
        "Thanks to everyone who helped set up chairs; 40 people came and we sang 5 songs.",
        "Our reading plan covers {0} today.",
    ];

    private static readonly string[] References =
    [
        "John 3:16", "Romans 8:28, 38-39", "Eph 2:8-9; 3:20", "Ps 23", "Psalm 23:1-6", "1 Cor. 13:4-7", "II Kings 2:11",
        "Gen 1:1\u20132:3", "Song of Songs 2:4", "Jude 3", "Isaiah 40:31", "Matt 5-7", "Heb 11:1, 6", "Phil 4:4-7",
        "1 Jn 1:9", "Ruth 1-4", "Lam 3:22-23", "Mic 6:8", "Acts 2:38-41; 4:12", "Rev 21:1-4",
    ];

    private string[] _sentences = [];
    private readonly List<ParsedPassage> _passages = new(16);

    [Params(200)]
    public int Sentences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _sentences = new string[Sentences];
        for (var k = 0; k < Sentences; k++)
        {
            var template = Templates[random.Next(Templates.Length)];
            _sentences[k] = string.Format(template, References[random.Next(References.Length)],
                References[random.Next(References.Length)], References[random.Next(References.Length)]);
        }
    }

    /// <summary>Finding the passages (structured, no strings): the allocation-free core.</summary>
    [Benchmark(OperationsPerInvoke = 200)]
    public int Parse()
    {
        var total = 0;
        foreach (var sentence in _sentences)
        {
            _passages.Clear();
            ReferenceParser.Parse(sentence, _passages);
            total += _passages.Count;
        }

        return total;
    }

    /// <summary>Parsing and writing the comma-joined OSIS string, as the API does.</summary>
    [Benchmark(OperationsPerInvoke = 200, Baseline = true)]
    public int ParseToOsis()
    {
        var length = 0;
        foreach (var sentence in _sentences)
        {
            _passages.Clear();
            ReferenceParser.Parse(sentence, _passages);
            length += ReferenceParser.ToOsis(_passages).Length;
        }

        return length;
    }

    /// <summary>Reusing one builder for the OSIS output.</summary>
    [Benchmark(OperationsPerInvoke = 200)]
    public int ParseIntoBuilder()
    {
        var builder = new StringBuilder(256);
        foreach (var sentence in _sentences)
        {
            _passages.Clear();
            ReferenceParser.Parse(sentence, _passages);
            foreach (var passage in _passages)
            {
                passage.AppendOsis(builder);
            }
        }

        return builder.Length;
    }
}
