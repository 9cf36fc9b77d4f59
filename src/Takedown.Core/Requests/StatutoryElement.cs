namespace Takedown.Core.Requests;

/// <summary>The four elements a TAKE IT DOWN Act removal request must carry (47 U.S.C. §223a(a)(1)(B)).</summary>
public enum StatutoryElement
{
    /// <summary>(i) A physical or electronic signature: typed name plus attestation.</summary>
    Signature = 0,

    /// <summary>(ii) Identification and location of the content: one or more URLs or content ids.</summary>
    ContentLocation = 1,

    /// <summary>(iii) A brief good-faith statement that the depiction is not consensual.</summary>
    GoodFaithStatement = 2,

    /// <summary>(iv) Information sufficient to contact the requester.</summary>
    Contact = 3,
}
