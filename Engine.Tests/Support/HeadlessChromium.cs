using System.Diagnostics;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>
/// Debian's chromium, headless, as tools/test.sh provides it (<c>ICT_TEST_CHROMIUM</c>). Each call runs a fresh
/// browser with a throwaway profile and no network-facing background services.
/// </summary>
internal sealed class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string _path;

    private HeadlessChromium(string path)
    {
        _path = path;
    }

    /// <summary>The browser from <c>ICT_TEST_CHROMIUM</c>; fails under CI (<c>CI=true</c>) when it is missing, else ignores the test.</summary>
    public static HeadlessChromium FromEnvironmentOrIgnore()
    {
        var path = Environment.GetEnvironmentVariable("ICT_TEST_CHROMIUM");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            var why = $"ICT_TEST_CHROMIUM is {(string.IsNullOrEmpty(path) ? "not set" : $"'{path}', which does not exist")}: "
                + "run tools/test.sh (it installs Debian's chromium) or export ICT_TEST_CHROMIUM=/usr/bin/chromium.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        return new HeadlessChromium(path!);
    }

    /// <summary>The DOM after load (scripts run), and what the browser logged (console messages included).</summary>
    public (string Dom, string Log) DumpDom(string url) =>
        Run("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", url);

    public void Screenshot(string url, string pngPath, int width, int height)
    {
        var (_, log) = Run("--hide-scrollbars", $"--window-size={width},{height}", "--virtual-time-budget=10000", $"--screenshot={pngPath}", url);
        Assert.That(File.Exists(pngPath), Is.True, $"chromium wrote no screenshot; it logged:\n{log}");
    }

    private (string Stdout, string Stderr) Run(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("ict-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(_path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                     }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_path} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s");
            }

            return (stdout.Result, stderr.Result);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
