package dev.redflag.demo;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What "normal" looks like for the demo's simulated businesses. Baselines live here rather than in
 * the generator so tests, benchmarks and the demo can dial volume or noise up and down without
 * touching how events are produced, and so the scripted incidents have a documented baseline to
 * stand out against. All rates are per tenant.
 *
 * @param tenants        brands/sites; each gets its own independent traffic
 * @param pages          landing pages with their share of sessions and baseline bounce rate
 * @param channels       acquisition channels (sessions, leads, orders, ad spend)
 * @param segments       NPS segments, drawn uniformly
 * @param emailCampaigns e-mail campaigns; each sends one burst per simulated hour
 * @param volume         how many events per simulated minute
 * @param behaviour      the baseline ratios the KPIs will show
 * @param seasonality    amplitude of the daily cycle of session, lead, NPS, order and wallet
 *                       volume: traffic is multiplied by {@code 1 + seasonality * cos(...)},
 *                       highest at {@code busiest} and lowest 12 hours later; 0 disables
 * @param busiest        the time of day (UTC) the daily cycle peaks: 15:00 by default; the demo
 *                       moves it into its incidents ({@link Incidents#traffic})
 * @param malformedRate  extra garbage lines per good record (dead-letter fodder); 0 disables
 * @param outOfOrderRate share of records whose {@code ts} is set up to 20 s earlier than their
 *                       position in the output (never before the minute's start); 0 disables
 */
public record TrafficModel(List<String> tenants, List<Page> pages, List<Channel> channels,
                           List<String> segments, List<String> emailCampaigns, Volume volume,
                           Behaviour behaviour, double seasonality, LocalTime busiest,
                           double malformedRate, double outOfOrderRate) {

    /**
     * A landing page.
     *
     * @param share      relative share of sessions landing here
     * @param bounceRate baseline share of single-page sessions
     */
    public record Page(String path, double share, double bounceRate) {
        public Page {
            requireText(path, "path");
            requirePositive(share, "share");
            requireFraction(bounceRate, "bounceRate");
            if (bounceRate >= 1) {
                throw new IllegalArgumentException("bounceRate must be < 1, got " + bounceRate);
            }
        }
    }

    /**
     * An acquisition channel.
     *
     * @param share          relative share of sessions, leads and orders from this channel
     * @param conversionRate baseline share of converting sessions
     * @param cpc            ad cost per click, in currency units
     * @param ctr            clicks per impression
     * @param campaign       the ad campaign its spend is booked on
     */
    public record Channel(String name, double share, double conversionRate, double cpc, double ctr,
                          String campaign) {
        public Channel {
            requireText(name, "name");
            requirePositive(share, "share");
            requireFraction(conversionRate, "conversionRate");
            requireNonNegative(cpc, "cpc");
            requirePositive(ctr, "ctr");
            requireFraction(ctr, "ctr");
            requireText(campaign, "campaign");
        }
    }

    /**
     * Event volume per tenant. Per-minute rates are means of Poisson counts before seasonality.
     *
     * @param emailsPerCampaignHour e-mails sent in each campaign's hourly burst
     * @param adSpendEveryMinutes   one ad-spend record per channel every this many minutes
     * @param initialSubscribers    subscribers started in the first simulated minute
     */
    public record Volume(double sessionsPerMinute, double leadsPerMinute, double npsPerMinute,
                         double ordersPerMinute, double walletPerMinute, int emailsPerCampaignHour,
                         int adSpendEveryMinutes, int initialSubscribers) {
        public Volume {
            requireNonNegative(sessionsPerMinute, "sessionsPerMinute");
            requireNonNegative(leadsPerMinute, "leadsPerMinute");
            requireNonNegative(npsPerMinute, "npsPerMinute");
            requireNonNegative(ordersPerMinute, "ordersPerMinute");
            requireNonNegative(walletPerMinute, "walletPerMinute");
            requireNonNegative(emailsPerCampaignHour, "emailsPerCampaignHour");
            if (adSpendEveryMinutes < 1) {
                throw new IllegalArgumentException("adSpendEveryMinutes must be >= 1, got "
                        + adSpendEveryMinutes);
            }
            requireNonNegative(initialSubscribers, "initialSubscribers");
        }

        /** Every volume multiplied by {@code factor}, e.g. for benchmarks. */
        public Volume scaled(double factor) {
            requireNonNegative(factor, "factor");
            return new Volume(sessionsPerMinute * factor, leadsPerMinute * factor,
                    npsPerMinute * factor, ordersPerMinute * factor, walletPerMinute * factor,
                    (int) Math.round(emailsPerCampaignHour * factor), adSpendEveryMinutes,
                    (int) Math.round(initialSubscribers * factor));
        }
    }

    /**
     * Baseline behaviour, i.e. the KPI values a healthy tenant shows.
     *
     * @param mqlShare         share of new leads that become MQL (5 to 120 minutes later)
     * @param mqlToSqlRate     share of MQLs that become SQL, between {@code sqlDelayMin} and
     *                         {@code sqlDelayMax} after becoming MQL
     * @param npsPromoters     share of NPS answers 9–10
     * @param npsDetractors    share of NPS answers 0–6 (NPS = promoters − detractors)
     * @param churnPerHour     share of active subscribers lost per hour (85% cancel, 15% expire);
     *                         new subscribers start at {@code churnPerHour × initialSubscribers}
     *                         an hour, so the population stays level at baseline
     * @param emailOpenRate    opens per delivered e-mail
     * @param emailClickRate   clicks per delivered e-mail (every click follows an open)
     * @param newCustomerShare share of orders placed by a first-time customer
     * @param ngrToBets        (bets − wins − bonuses) / bets, in amounts
     * @param betsToDeposits   bets / deposits, in amounts
     */
    public record Behaviour(double mqlShare, double mqlToSqlRate, Duration sqlDelayMin,
                            Duration sqlDelayMax, double npsPromoters, double npsDetractors,
                            double churnPerHour, double emailOpenRate, double emailClickRate,
                            double newCustomerShare, double ngrToBets, double betsToDeposits) {
        public Behaviour {
            requireFraction(mqlShare, "mqlShare");
            requireFraction(mqlToSqlRate, "mqlToSqlRate");
            Objects.requireNonNull(sqlDelayMin, "sqlDelayMin");
            Objects.requireNonNull(sqlDelayMax, "sqlDelayMax");
            if (sqlDelayMin.isNegative() || sqlDelayMax.compareTo(sqlDelayMin) < 0) {
                throw new IllegalArgumentException("need 0 <= sqlDelayMin <= sqlDelayMax, got "
                        + sqlDelayMin + " and " + sqlDelayMax);
            }
            requireFraction(npsPromoters, "npsPromoters");
            requireFraction(npsDetractors, "npsDetractors");
            if (npsPromoters + npsDetractors > 1) {
                throw new IllegalArgumentException("npsPromoters + npsDetractors must be <= 1");
            }
            requireFraction(churnPerHour, "churnPerHour");
            requireFraction(emailOpenRate, "emailOpenRate");
            requireFraction(emailClickRate, "emailClickRate");
            if (emailClickRate > emailOpenRate) {
                throw new IllegalArgumentException("emailClickRate must be <= emailOpenRate");
            }
            requireFraction(newCustomerShare, "newCustomerShare");
            if (!(ngrToBets >= 0 && ngrToBets < 0.9)) {
                throw new IllegalArgumentException("ngrToBets must be in [0, 0.9), got " + ngrToBets);
            }
            requirePositive(betsToDeposits, "betsToDeposits");
        }

        /** The baseline NPS in points, −100..100. */
        public double nps() {
            return 100 * (npsPromoters - npsDetractors);
        }
    }

    public TrafficModel {
        tenants = List.copyOf(tenants);
        pages = List.copyOf(pages);
        channels = List.copyOf(channels);
        segments = List.copyOf(segments);
        emailCampaigns = List.copyOf(emailCampaigns);
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(busiest, "busiest");
        if (tenants.isEmpty() || pages.isEmpty() || channels.isEmpty() || segments.isEmpty()) {
            throw new IllegalArgumentException("tenants, pages, channels and segments must not be empty");
        }
        tenants.forEach(t -> requireText(t, "tenant"));
        segments.forEach(s -> requireText(s, "segment"));
        emailCampaigns.forEach(c -> requireText(c, "email campaign"));
        requireUnique(tenants, "tenant");
        requireUnique(pages.stream().map(Page::path).toList(), "page");
        requireUnique(channels.stream().map(Channel::name).toList(), "channel");
        requireUnique(segments, "segment");
        requireUnique(emailCampaigns, "email campaign");
        if (!(seasonality >= 0 && seasonality < 1)) {
            throw new IllegalArgumentException("seasonality must be in [0, 1), got " + seasonality);
        }
        requireFraction(malformedRate, "malformedRate");
        requireFraction(outOfOrderRate, "outOfOrderRate");
    }

    /** Two tenants, five pages, four channels, three segments; the demo's traffic, described in README.md. */
    public static TrafficModel defaults() {
        return new TrafficModel(
                List.of("acme", "globex"),
                List.of(new Page("/", 0.35, 0.35),
                        new Page("/pricing", 0.20, 0.30),
                        new Page("/blog", 0.25, 0.55),
                        new Page("/signup", 0.10, 0.15),
                        new Page("/docs", 0.10, 0.30)),
                List.of(new Channel("seo", 0.35, 0.030, 0.15, 0.040, "seo-content"),
                        new Channel("ads", 0.30, 0.035, 1.20, 0.025, "search-brand"),
                        new Channel("email", 0.15, 0.045, 0.05, 0.200, "crm-newsletter"),
                        new Channel("social", 0.20, 0.015, 0.60, 0.008, "social-retargeting")),
                List.of("enterprise", "mid-market", "smb"),
                List.of("newsletter", "onboarding", "promo"),
                new Volume(30, 3, 2, 5, 8, 200, 5, 2000),
                new Behaviour(0.5, 0.4, Duration.ofMinutes(30), Duration.ofMinutes(240),
                        0.5, 0.2, 0.001, 0.25, 0.04, 0.2, 0.05, 0.8),
                0.4, LocalTime.of(15, 0), 1.0 / 2000, 0.02);
    }

    public TrafficModel withTenants(List<String> newTenants) {
        return new TrafficModel(newTenants, pages, channels, segments, emailCampaigns, volume,
                behaviour, seasonality, busiest, malformedRate, outOfOrderRate);
    }

    public TrafficModel withVolume(Volume newVolume) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, newVolume,
                behaviour, seasonality, busiest, malformedRate, outOfOrderRate);
    }

    public TrafficModel withBehaviour(Behaviour newBehaviour) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, volume,
                newBehaviour, seasonality, busiest, malformedRate, outOfOrderRate);
    }

    public TrafficModel withSeasonality(double newSeasonality) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, volume,
                behaviour, newSeasonality, busiest, malformedRate, outOfOrderRate);
    }

    /** The same model with its daily cycle peaking at {@code newBusiest} (UTC). */
    public TrafficModel withBusiest(LocalTime newBusiest) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, volume,
                behaviour, seasonality, newBusiest, malformedRate, outOfOrderRate);
    }

    public TrafficModel withMalformedRate(double newMalformedRate) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, volume,
                behaviour, seasonality, busiest, newMalformedRate, outOfOrderRate);
    }

    public TrafficModel withOutOfOrderRate(double newOutOfOrderRate) {
        return new TrafficModel(tenants, pages, channels, segments, emailCampaigns, volume,
                behaviour, seasonality, busiest, malformedRate, newOutOfOrderRate);
    }

    /** The same model with every volume multiplied by {@code factor}. */
    public TrafficModel scaled(double factor) {
        return withVolume(volume.scaled(factor));
    }

    public Page page(String path) {
        return pages.stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
    }

    public Channel channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requirePositive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    private static void requireNonNegative(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        }
    }

    private static void requireFraction(double v, String what) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
        }
    }

    private static void requireUnique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("duplicate " + what + " " + Json.quote(n));
            }
        }
    }
}
