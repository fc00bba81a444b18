namespace MultiNet.Controller.Admission;

/// <summary>The body is not an AdmissionReview the controller can answer: answered with 400 and the message.</summary>
internal sealed class MalformedReviewException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedReviewException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public MalformedReviewException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public MalformedReviewException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
