// Peer for GeodesyBench: GeographicLib (C++, Debian libgeographiclib-dev) WGS84 inverse throughput.
// Points uniform on the sphere (latitude = asin(2u − 1), longitude = 360u − 180), consecutive points
// paired, best of three passes, one thread. Prints one JSON object.
// Build: g++ -O2 -o geodesy_peer geodesy_peer.cpp -lGeographicLib
#include <GeographicLib/Geodesic.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

int main(int argc, char** argv) {
    const long pairs = argc > 1 ? std::atol(argv[1]) : 200000;
    std::mt19937_64 rng(20261123);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> lat(2 * pairs), lon(2 * pairs);
    for (long i = 0; i < 2 * pairs; ++i) {
        lat[i] = std::asin(2 * u(rng) - 1) * 180.0 / M_PI;
        lon[i] = 360 * u(rng) - 180;
    }
    const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
    double best = 1e300, total = 0;
    for (int pass = 0; pass < 3; ++pass) {
        auto t0 = std::chrono::steady_clock::now();
        double sum = 0;
        for (long p = 0; p < pairs; ++p) {
            double s12, azi1, azi2;
            g.Inverse(lat[2 * p], lon[2 * p], lat[2 * p + 1], lon[2 * p + 1], s12, azi1, azi2);
            sum += s12;
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (secs < best) best = secs;
        total = sum;
    }
    std::printf("{\"peer\": \"GeographicLib C++ %s\", \"pairs\": %ld, \"pairs_per_second\": %.1f, \"mean_metres\": %.3f}\n",
                GEOGRAPHICLIB_VERSION_STRING, pairs, pairs / best, total / pairs);
    return 0;
}
