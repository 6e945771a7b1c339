using System.Diagnostics.CodeAnalysis;

namespace PartyProtocol.Core.Engine;

/// <summary>Either a value or a <see cref="GameError"/>; what every service call returns.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, GameError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public GameError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(GameError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(GameError error) => Fail(error);
}
