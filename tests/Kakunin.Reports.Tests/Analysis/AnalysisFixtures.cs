using Kakunin.Reports.Analysis;
using MimeKit;

namespace Kakunin.Reports.Tests.Analysis;

internal static class AnalysisFixtures
{
    public static ReportAnalysis Analyze(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bounces", name);
        return ReportAnalyzer.Analyze(MimeMessage.Load(path));
    }
}
