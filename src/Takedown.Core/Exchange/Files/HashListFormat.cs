namespace Takedown.Core.Exchange.Files;

/// <summary>Hash list file formats for <c>takedown bank import|export</c>.</summary>
public enum HashListFormat
{
    /// <summary>Detect from the first line.</summary>
    Auto = 0,

    /// <summary>
    /// ThreatExchange/HMA CSV with a header row: a type column (<c>signal_type</c>, <c>type</c> or
    /// <c>indicator_type</c>; values like <c>pdq</c>, <c>video_md5</c>, <c>HASH_PDQ</c>), a value column
    /// (<c>signal_value</c>, <c>signal</c>, <c>hash</c> or <c>indicator</c>) and optionally <c>label</c> or
    /// <c>tags</c>. Without a type column (the ThreatExchange <c>hash,id,time,tags</c> data files) every row is PDQ.
    /// </summary>
    Csv = 1,

    /// <summary>
    /// The <c>takedown hash</c> output: <c>HASH,QUALITY,PATH</c> per image and <c>FRAME,QUALITY,HASH,TIMESTAMP,PATH</c>
    /// per video frame (PDQ). The label is the file name (not the directory).
    /// </summary>
    TakedownHash = 2,

    /// <summary>The <c>takedown match --bank</c> file: <c>HASH[,LABEL]</c> (PDQ).</summary>
    Bank = 3,

    /// <summary>python-threatexchange <c>local_file</c> lines: <c>&lt;signal_type&gt; &lt;signal&gt;</c>.</summary>
    Pytx = 4,
}
