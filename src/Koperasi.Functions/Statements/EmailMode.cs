namespace Koperasi.Functions.Statements;

/// <summary>How statements leave the app: <c>.eml</c> files in a folder, or SendGrid's v3 Mail Send.</summary>
public enum EmailMode
{
    Outbox,
    SendGrid,
}
