using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Radiogenomics.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port the OS picks) for testing the clients without network:
/// one request per connection ("Connection: close"), every request recorded, and responses that can drop or
/// stall mid-body. It stops by itself after <c>lifetime</c> even if a test forgets to dispose it.
/// </summary>
public sealed class MockHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<MockRequest, MockResponse> _handler;
    private readonly List<MockRequest> _requests = [];
    private readonly Task _loop;

    public MockHttpServer(Func<MockRequest, MockResponse> handler, TimeSpan? lifetime = null)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _stop.CancelAfter(lifetime ?? TimeSpan.FromSeconds(60));
        _stop.Token.Register(() => _listener.Stop());
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<MockRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToArray();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null) return;
                lock (_requests) _requests.Add(request);
                MockResponse response;
                try
                {
                    response = _handler(request);
                }
                catch (Exception e)
                {
                    response = MockResponse.Text("mock handler failed: " + e, 500);
                }
                await WriteResponseAsync(stream, response, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // the client went away or the server is stopping
            }
        }
    }

    private static async Task<MockRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new byte[8192];
        var head = new MemoryStream();
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(head)) < 0)
        {
            if (head.Length > 64 * 1024) return null;
            var n = await stream.ReadAsync(buffer, token);
            if (n == 0) return null;
            head.Write(buffer, 0, n);
        }
        var all = head.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, headerEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl) : 0;
        while (body.Length < length)
        {
            var n = await stream.ReadAsync(buffer, token);
            if (n == 0) break;
            body.Write(buffer, 0, n);
        }
        return new MockRequest(requestLine[0], requestLine[1], headers, body.ToArray());
    }

    private static int IndexOfHeaderEnd(MemoryStream head)
    {
        var bytes = head.GetBuffer();
        for (var i = 0; i + 3 < head.Length; i++)
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        return -1;
    }

    private static async Task WriteResponseAsync(NetworkStream stream, MockResponse response, CancellationToken token)
    {
        var head = new StringBuilder();
        head.Append($"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
        head.Append($"Content-Length: {response.Body.Length}\r\n");
        head.Append("Connection: close\r\n");
        foreach (var (name, value) in response.Headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token);

        var cut = Math.Min(response.DropAfter ?? response.StallAfter ?? response.Body.Length, response.Body.Length);
        await stream.WriteAsync(response.Body.AsMemory(0, cut), token);
        await stream.FlushAsync(token);
        if (response.StallAfter is not null)
        {
            await Task.Delay(response.StallFor, token);
            return;
        }
        if (response.DropAfter is null) return;
        // Closing now leaves the body short of its Content-Length: the client sees a dropped connection.
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 206 => "Partial Content", 400 => "Bad Request", 404 => "Not Found", 416 => "Range Not Satisfiable",
        429 => "Too Many Requests", 500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        _stop.Dispose();
    }
}
