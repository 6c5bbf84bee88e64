namespace Koperasi.LocalHost;

public enum FunctionKind
{
    Http,
    Queue,
    Timer,
}
