package dev.redflag.demo;

/** One kind of traffic of one tenant, producing its events minute by minute. */
interface Source {
    void minute(Minute m);
}
