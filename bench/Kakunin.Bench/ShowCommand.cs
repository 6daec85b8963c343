using Kakunin.Reports.Analysis;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Bench;

/// <summary><c>show file...</c>: prints the analysis of each message, for studying a miss.</summary>
internal static class ShowCommand
{
    public static int Run(string[] args)
    {
        foreach (var path in args)
        {
            var message = MimeMessage.Load(path);
            var dsn = DsnParser.TryParse(message);
            var analysis = ReportAnalyzer.Analyze(message);
            Console.WriteLine($"{Path.GetFileName(path)}: {analysis.Kind} {analysis.Format} feedback={analysis.FeedbackType} disposition={analysis.Disposition}");
            Console.WriteLine($"  keys: envid={analysis.CorrelationKeys.OriginalEnvelopeId} msgid={analysis.CorrelationKeys.OriginalMessageId} orcpt={string.Join(',', analysis.CorrelationKeys.OriginalRecipients)}");
            foreach (var r in dsn?.Recipients ?? [])
            {
                Console.WriteLine($"  dsn: {r.FinalRecipient} {r.Action} {r.Status} {r.DiagnosticCode}");
            }

            foreach (var r in analysis.Recipients)
            {
                Console.WriteLine($"  {r.Recipient} action={r.Action} status={r.Status} reply={r.ReplyCode} reason={r.Reason.ToWire()} hard={r.HardBounce} mta={r.RemoteMta}");
                Console.WriteLine($"    diag: {r.Diagnostic}");
            }
        }

        return 0;
    }
}
