using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven over the Chrome DevTools Protocol on a WebSocket
/// (System.Net.WebSockets): loads a page, records console errors, uncaught exceptions and every network request,
/// evaluates JavaScript and takes screenshots. build.sh installs chromium.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    /// <summary>Console errors, uncaught exceptions and browser log errors, as text.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The URL of every request the page made.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private HeadlessChromium(Process process, string profile, Uri page)
    {
        _process = process;
        _profile = profile;
        _socket.ConnectAsync(page, CancellationToken.None).GetAwaiter().GetResult();
        _receiver = Task.Run(ReceiveAsync);
    }

    public static string Executable()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new FileNotFoundException("chromium is not installed: build.sh installs it (apt-get install -y --no-install-recommends chromium)");
    }

    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900)
    {
        string profile = Path.Combine(Path.GetTempPath(), "rg-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (DevToolsLine().Match(e.Data) is { Success: true } m) endpoint.TrySetResult(m.Groups[1].Value);
        };
        process.BeginErrorReadLine();
        if (await Task.WhenAny(endpoint.Task, Task.Delay(TimeSpan.FromSeconds(30))) != endpoint.Task)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException("chromium did not open its DevTools endpoint within 30 s: " + stderr);
        }
        var browser = new Uri(endpoint.Task.Result);
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{browser.Port}/json/list"))!.AsArray();
        string page = (string)targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!;
        var chromium = new HeadlessChromium(process, profile, new Uri(page));
        foreach (var domain in new[] { "Page", "Runtime", "Log", "Network", "Performance" }) await chromium.SendAsync(domain + ".enable");
        return chromium;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string url, TimeSpan timeout)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if ((string?)result["errorText"] is { Length: > 0 } error) throw new InvalidOperationException($"chromium could not open {url}: {error}");
        if (await Task.WhenAny(_loaded.Task, Task.Delay(timeout)) != _loaded.Task) throw new TimeoutException($"{url} did not finish loading within {timeout}");
    }

    /// <summary>Evaluates an expression in the page and returns its value (JSON-serialisable values only).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } e) throw new InvalidOperationException($"{expression}: {e.ToJsonString()}");
        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>Waits until the expression is truthy; returns its value.</summary>
    public async Task<JsonNode> WaitForAsync(string expression, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await EvaluateAsync(expression) is { } v && v.GetValueKind() is not (JsonValueKind.False or JsonValueKind.Null)) return v;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{expression}' stayed false for {timeout}; errors: {string.Join(" | ", Errors)}");
            await Task.Delay(50);
        }
    }

    /// <summary>Chromium's page metrics (Performance.getMetrics), e.g. TaskDuration: seconds the page's main thread was busy.</summary>
    public async Task<IReadOnlyDictionary<string, double>> MetricsAsync() =>
        (await SendAsync("Performance.getMetrics"))["metrics"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => (double)m!["value"]!);

    /// <summary>A PNG of the page region (CSS pixels, page coordinates), at the given device scale.</summary>
    public async Task<byte[]> ScreenshotAsync(double x, double y, double width, double height, double scale = 1)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png", ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = width, ["height"] = height, ["scale"] = scale },
        });
        return Convert.FromBase64String((string)result["data"]!);
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        if (await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(60))) != reply.Task) throw new TimeoutException($"no reply to {method} within 60 s");
        var answer = reply.Task.Result;
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return answer["result"]?.AsObject() ?? [];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && _pending.TryRemove((int)id, out var reply)) reply.TrySetResult(node);
                else if ((string?)node["method"] is { } method) OnEvent(method, node["params"]?.AsObject() ?? []);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    private void OnEvent(string method, JsonObject p)
    {
        if (method == "Page.loadEventFired") _loaded.TrySetResult();
        else if (method == "Network.requestWillBeSent") Requests.Enqueue(p["request"]?["url"]?.ToString() ?? "");
        else if (method == "Runtime.exceptionThrown")
        {
            var details = p["exceptionDetails"]!;
            Errors.Enqueue($"exception: {details["exception"]?["description"] ?? details["text"]}");
        }
        else if (method == "Runtime.consoleAPICalled" && p["type"]?.ToString() is "error" or "assert")
        {
            var args = p["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString());
            Errors.Enqueue($"console.{p["type"]}: {string.Join(" ", args)}");
        }
        else if (method == "Log.entryAdded" && p["entry"]?["level"]?.ToString() == "error")
        {
            var entry = p["entry"]!;
            Errors.Enqueue($"log: {entry["text"]} {entry["url"]}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await SendAsync("Browser.close"); } catch (Exception e) when (e is InvalidOperationException or TimeoutException or WebSocketException) { }
        _stop.Cancel();
        try { await _receiver; } catch (Exception) { /* the socket closes with the browser */ }
        _socket.Dispose();
        if (!_process.WaitForExit(5000)) try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
