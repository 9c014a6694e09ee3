package dev.redflag.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The sales funnel of one tenant. Each lead keeps its id, channel and owner through every stage
 * (lead → MQL → SQL → opportunity → won/lost), and each stage is reached minutes to days after the
 * previous one, because that lag is what the MQL→SQL and time-in-stage KPIs measure. During an
 * MQL→SQL stall the SQL transitions that fall due are dropped: those leads stay MQL.
 */
final class Funnel implements Source {

    private static final String[] OWNERS = {"ana", "ben", "chloe", "dev"};
    private static final long MINUTE = 60_000;
    private static final long DAY = 86_400_000;

    private final String tenant;
    private final SplittableRandom r;
    private final double perMinute;
    private final double mqlShare;
    private final double mqlToSql;
    private final long sqlDelayMin;
    private final long sqlDelayMax;
    private final List<String> channels;
    private final double[] channelWeights;
    private long counter;

    Funnel(TrafficModel model, String tenant, SplittableRandom r) {
        this.tenant = tenant;
        this.r = r;
        this.perMinute = model.volume().leadsPerMinute();
        TrafficModel.Behaviour b = model.behaviour();
        this.mqlShare = b.mqlShare();
        this.mqlToSql = b.mqlToSqlRate();
        this.sqlDelayMin = b.sqlDelayMin().toMillis();
        this.sqlDelayMax = b.sqlDelayMax().toMillis();
        this.channels = model.channels().stream().map(TrafficModel.Channel::name).toList();
        this.channelWeights = Draw.cumulative(
                model.channels().stream().mapToDouble(TrafficModel.Channel::share).toArray());
    }

    @Override
    public void minute(Minute m) {
        int n = Draw.poisson(r, perMinute * m.traffic());
        for (int i = 0; i < n; i++) {
            long at = m.randomTime(r);
            Lead lead = new Lead(tenant + "-l" + (++counter),
                    channels.get(Draw.pick(r, channelWeights)), OWNERS[r.nextInt(OWNERS.length)]);
            emit(m, at, lead, "lead");
            if (Draw.chance(r, mqlShare)) {
                m.schedule(at + Draw.between(r, 5 * MINUTE, 120 * MINUTE), lead::mql);
            }
        }
    }

    private void emit(Minute m, long at, Lead lead, String stage) {
        m.begin("lead", at, tenant)
                .str("lead_id", lead.id)
                .str("stage", stage)
                .str("channel", lead.channel)
                .str("owner", lead.owner);
        m.commit();
    }

    /** One lead's way through the funnel; each method is the follow-up of the previous stage. */
    private final class Lead {
        final String id;
        final String channel;
        final String owner;

        Lead(String id, String channel, String owner) {
            this.id = id;
            this.channel = channel;
            this.owner = owner;
        }

        void mql(Minute m, long at) {
            emit(m, at, this, "mql");
            if (Draw.chance(r, mqlToSql)) {
                m.schedule(at + Draw.between(r, sqlDelayMin, sqlDelayMax + 1), this::sql);
            } else if (Draw.chance(r, 0.5)) {
                m.schedule(at + Draw.between(r, DAY, 5 * DAY), this::lost);
            }
        }

        void sql(Minute m, long at) {
            if (!Draw.chance(r, m.incidents().sqlKept(tenant, channel, m.sinceStart(at)))) {
                return; // stalled: stays MQL
            }
            emit(m, at, this, "sql");
            if (Draw.chance(r, 0.6)) {
                m.schedule(at + Draw.between(r, DAY, 3 * DAY), this::opportunity);
            } else if (Draw.chance(r, 0.5)) {
                m.schedule(at + Draw.between(r, DAY, 5 * DAY), this::lost);
            }
        }

        void opportunity(Minute m, long at) {
            emit(m, at, this, "opportunity");
            m.schedule(at + Draw.between(r, 2 * DAY, 10 * DAY),
                    Draw.chance(r, 0.3) ? this::won : this::lost);
        }

        void won(Minute m, long at) {
            emit(m, at, this, "won");
        }

        void lost(Minute m, long at) {
            emit(m, at, this, "lost");
        }
    }
}
