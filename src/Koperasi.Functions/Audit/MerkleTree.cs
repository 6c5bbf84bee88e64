using System.Security.Cryptography;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The Merkle tree over a month's leaves, in the order given: a node is <c>SHA-256(0x01 ‖ left ‖ right)</c> over the
/// children's 32 raw bytes; a level with an odd count carries its last node up unchanged. Leaves are
/// <c>SHA-256(0x00 ‖ canonical leaf)</c> (<see cref="MonthlyRoots.Leaf"/>); the prefixes keep a leaf from passing for a node.
/// </summary>
public static class MerkleTree
{
    public static string Root(IReadOnlyList<string> leaves)
    {
        var level = leaves.ToList();
        while (level.Count > 1)
        {
            level = Up(level);
        }
        return level.Single();
    }

    /// <summary>The siblings from the leaf at <paramref name="index"/> up to the root.</summary>
    public static IReadOnlyList<MerkleStep> Path(IReadOnlyList<string> leaves, int index)
    {
        var steps = new List<MerkleStep>();
        var level = leaves.ToList();
        while (level.Count > 1)
        {
            var sibling = index % 2 == 0 ? index + 1 : index - 1;
            if (sibling < level.Count)
            {
                steps.Add(new MerkleStep(index % 2 == 0 ? "right" : "left", level[sibling]));
            }
            level = Up(level);
            index /= 2;
        }
        return steps;
    }

    public static string Node(string left, string right) =>
        Convert.ToHexStringLower(SHA256.HashData([0x01, .. Convert.FromHexString(left), .. Convert.FromHexString(right)]));

    private static List<string> Up(List<string> level)
    {
        var up = new List<string>((level.Count + 1) / 2);
        for (var i = 0; i < level.Count; i += 2)
        {
            up.Add(i + 1 < level.Count ? Node(level[i], level[i + 1]) : level[i]);
        }
        return up;
    }
}
