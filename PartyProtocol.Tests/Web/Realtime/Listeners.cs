using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace PartyProtocol.Tests.Web.Realtime;

/// <summary>A SignalR client of /hubs/game that records every <c>event</c> it receives.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private HubListener(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public EventLog Log { get; } = new();

    /// <summary>Connects (anonymously as a screen without a token) and waits until the hub has accepted the connection.</summary>
    public static async Task<HubListener> ConnectAsync(Uri baseAddress, string code, string? token = null)
    {
        var query = $"hubs/game?code={Uri.EscapeDataString(code)}" + (token is null ? "" : $"&access_token={Uri.EscapeDataString(token)}");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, query), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        var listener = new HubListener(connection);
        connection.On<JsonElement>("event", listener.Log.Add);
        await connection.StartAsync();
        // Events published after StartAsync arrive without this (ConnectMomentTests); the round trip makes sure the hub has
        // accepted the connection (OnConnectedAsync ran) before a test goes on.
        Assert.Equal("pong", await connection.InvokeAsync<string>("Ping"));
        return listener;
    }

    public Task<JsonElement> InvokeAsync(string method, params object?[] args) =>
        Connection.InvokeCoreAsync<JsonElement>(method, args);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

/// <summary>A plain WebSocket client of /ws/game/{code}/ that records every frame it receives as JSON.</summary>
public sealed class SocketListener : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Task _receiving;
    private int _lastMoveId;

    private SocketListener(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = ReceiveAsync();
    }

    public EventLog Log { get; } = new();

    /// <summary>Every frame's raw text, to prove nothing but JSON events and pongs is sent.</summary>
    public List<string> Frames { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public WebSocketState State => _socket.State;

    public Task Closed => _receiving;

    public static async Task<SocketListener> ConnectAsync(Uri baseAddress, string code, string query, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        var uri = new UriBuilder(new Uri(baseAddress, $"ws/game/{code}/?{query}")) { Scheme = "ws" }.Uri;
        using var timeout = new CancellationTokenSource(EventLog.DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new SocketListener(socket);
    }

    /// <summary>
    /// Tries to connect and returns the HTTP status the server answered instead of upgrading, with the problem
    /// document it sent (read by repeating the upgrade request over HttpClient, since ClientWebSocket drops the body).
    /// </summary>
    public static async Task<(int Status, string? Code)> RefusedAsync(Uri baseAddress, string path)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(new Uri(baseAddress, path)) { Scheme = "ws" }.Uri;
        using var timeout = new CancellationTokenSource(EventLog.DefaultTimeout);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, timeout.Token));

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = EventLog.DefaultTimeout };
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        using var response = await http.SendAsync(upgrade);
        Assert.Equal((int)socket.HttpStatusCode, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ((int)socket.HttpStatusCode, problem.GetProperty("code").GetString());
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(EventLog.DefaultTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Sends a move over the socket (docs/api.md, "Moves over the socket") and waits for its reply.</summary>
    public async Task<JsonElement> MoveAsync(string move, object? payload = null, string? id = null)
    {
        id ??= "m" + Interlocked.Increment(ref _lastMoveId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = "move", id, move, payload }));
        return await RepliedAsync(id);
    }

    /// <summary>Waits for the reply that echoes <paramref name="id"/> (null: the reply without an id).</summary>
    public Task<JsonElement> RepliedAsync(string? id) =>
        Log.WaitForAsync(m => EventLog.IsReply(m) && (m.TryGetProperty("id", out var echoed) ? echoed.GetString() : null) == id, $"the reply to move {id ?? "(no id)"}");

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(EventLog.DefaultTimeout);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }

        await _receiving.WaitAsync(EventLog.DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException)
        {
            _socket.Abort();
        }

        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(message.ToArray());
                lock (Frames)
                {
                    Frames.Add(text);
                }

                Log.Add(JsonDocument.Parse(text).RootElement);
            }
        }
        catch (WebSocketException)
        {
            // The server aborted the connection; Closed completes and the test inspects State.
        }
    }
}
