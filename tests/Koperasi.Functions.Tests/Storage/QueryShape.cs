using System.Text;
using Azure.Core;

namespace Koperasi.Functions.Tests.Storage;

/// <summary>
/// What one table request reads, by the shape of its URI and <c>$filter</c>: a point read
/// (<c>table(PartitionKey='p',RowKey='r')</c>), a query inside one partition over one contiguous RowKey range
/// (<c>PartitionKey eq</c> with at most one lower and one upper RowKey bound, or a RowKey eq), or a scan (anything else:
/// an <c>or</c>, a PartitionKey range, no PartitionKey at all). Writes and table management are not reads.
/// </summary>
public sealed record QueryShape(string Table, string Kind, string? Filter)
{
    public const string PointRead = "point read";
    public const string PartitionRange = "partition range";
    public const string Scan = "scan";
    public const string NotARead = "not a read";

    public bool IsBounded => Kind is PointRead or PartitionRange or NotARead;

    public static QueryShape Of(Request request)
    {
        var uri = request.Uri.ToUri();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : "";
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        var table = open < 0 ? resource : resource[..open];
        if (request.Method != RequestMethod.Get || open < 0 || table == "Tables")
        {
            return new QueryShape(table, NotARead, null);
        }
        if (resource.Contains("PartitionKey=", StringComparison.Ordinal))
        {
            return new QueryShape(table, PointRead, resource[open..]);
        }
        var filter = QueryParameter(uri, "$filter");
        return new QueryShape(table, filter is not null && IsPartitionRange(filter) ? PartitionRange : Scan, filter);
    }

    private static string? QueryParameter(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Uri.UnescapeDataString(pair[..eq]) == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }
        return null;
    }

    /// <summary>
    /// One <c>PartitionKey eq</c>, only <c>and</c>, at most one lower and one upper RowKey bound (or one RowKey eq);
    /// other properties may narrow what comes back but never widen what is read.
    /// </summary>
    public static bool IsPartitionRange(string filter)
    {
        var tokens = Tokens(filter);
        if (tokens.Count % 4 != 3)
        {
            return false;
        }
        int partitionEq = 0, lower = 0, upper = 0, rowEq = 0;
        for (var i = 0; i < tokens.Count; i += 4)
        {
            if (i > 0 && !tokens[i - 1].Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            var (field, op) = (tokens[i], tokens[i + 1].ToLowerInvariant());
            if (field == "PartitionKey")
            {
                if (op != "eq")
                {
                    return false;
                }
                partitionEq++;
            }
            else if (field == "RowKey")
            {
                switch (op)
                {
                    case "eq": rowEq++; break;
                    case "ge" or "gt": lower++; break;
                    case "le" or "lt": upper++; break;
                    default: return false;
                }
            }
        }
        return partitionEq == 1 && lower <= 1 && upper <= 1 && (rowEq == 0 || lower + upper == 0) && rowEq <= 1;
    }

    /// <summary>Words and quoted literals, parentheses dropped (outside quotes): <c>(A eq 'x') and (B lt 'y')</c> → A, eq, 'x', and, B, lt, 'y'.</summary>
    private static List<string> Tokens(string filter)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\'' && (i + 1 >= filter.Length || filter[i + 1] != '\''))
                {
                    quoted = false;
                }
                else if (c == '\'')
                {
                    current.Append(filter[++i]);
                }
                continue;
            }
            if (c == '\'')
            {
                quoted = true;
                current.Append(c);
            }
            else if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
