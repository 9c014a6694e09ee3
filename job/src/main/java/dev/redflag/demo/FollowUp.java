package dev.redflag.demo;

/**
 * Something an earlier event set in motion (a lead turning MQL, an e-mail being opened), run when
 * the simulation reaches its time. Funnels and engagement need this memory: the KPIs measure
 * conversions between events that are minutes to days apart.
 */
@FunctionalInterface
interface FollowUp {
    void fire(Minute m, long at);
}
