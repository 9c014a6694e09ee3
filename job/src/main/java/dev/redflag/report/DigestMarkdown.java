package dev.redflag.report;

/** A digest as Markdown, for a terminal or a pull request: a summary line and three tables. */
public final class DigestMarkdown {

    private DigestMarkdown() {
    }

    public static String render(Digest d) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(DigestText.title(d)).append("\n\n").append(DigestText.summary(d)).append('\n');
        if (!d.rules().isEmpty()) {
            md.append("\n### Alerts per rule\n\n")
                    .append("| rule | firing periods | series | firing time | precision | real | false alarms "
                            + "| acknowledged | median to acknowledge |\n")
                    .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (Digest.RuleLine r : d.rules()) {
                md.append("| ").append(code(r.ruleId())).append(" | ").append(r.periods()).append(" | ")
                        .append(r.series()).append(" | ").append(DigestText.duration(r.firing())).append(" | ")
                        .append(DigestText.precision(r)).append(" | ").append(r.real()).append(" | ")
                        .append(r.falseAlarms()).append(" | ").append(r.acknowledged()).append(" | ")
                        .append(DigestText.duration(r.medianToAcknowledge())).append(" |\n");
            }
            md.append("\n### Noisiest series\n\n| series | rule | firing periods | firing time |\n|---|---|--:|--:|\n");
            for (Digest.SeriesLine s : d.noisiest()) {
                md.append("| ").append(code(s.series())).append(" | ").append(code(s.ruleId())).append(" | ")
                        .append(s.periods()).append(" | ").append(DigestText.duration(s.firing())).append(" |\n");
            }
        }
        if (d.neverFired() != null) {
            md.append("\n### Rules that never fired\n\n");
            if (d.neverFired().isEmpty()) {
                md.append("Every rule fired at least once.\n");
            } else {
                d.neverFired().forEach(id -> md.append("- ").append(code(id)).append('\n'));
            }
        }
        return md.toString();
    }

    /** In backticks, with the table's separator escaped, as the backtest's diff writes names. */
    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }
}
