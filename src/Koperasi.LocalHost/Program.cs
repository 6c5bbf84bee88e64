using Koperasi.LocalHost;

await LocalFunctionsHost.Build(args).RunAsync();
