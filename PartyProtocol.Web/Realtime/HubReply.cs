using PartyProtocol.Core.Engine;
using PartyProtocol.Core.Sessions;
using PartyProtocol.Web.Api;

namespace PartyProtocol.Web.Realtime;

/// <summary>
/// What every hub method but <c>Ping</c> returns: <c>{ "ok": true, "seq", "result" }</c>, or
/// <c>{ "ok": false, "error": { "status", "code", "title", "detail", "errors" } }</c> — the same problem, with the
/// same code and status, that REST would answer.
/// </summary>
public sealed record HubReply(bool Ok, long? Seq = null, object? Result = null, ApiProblem? Error = null)
{
    public static HubReply Fail(ApiProblem problem) => new(false, Error: problem);

    public static HubReply From(Result<MoveReply> result) =>
        result.IsSuccess ? new HubReply(true, result.Value.Seq, result.Value.Result) : Fail(ApiProblem.From(result.Error));

    public static HubReply From(Result<SessionView> result) =>
        result.IsSuccess ? new HubReply(true, result.Value.Seq, result.Value) : Fail(ApiProblem.From(result.Error));
}
