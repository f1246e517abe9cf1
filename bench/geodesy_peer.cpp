// Peer for GeodesyBench: GeographicLib (C++, Debian libgeographiclib-dev) WGS84 inverse throughput.
// Points uniform on the sphere (latitude = asin(2u − 1), longitude = 360u − 180), consecutive points
// paired, five passes, one thread: medians of CPU seconds (std::clock, process time) and wall seconds.
// Prints one JSON object.
// Build: g++ -O2 -o geodesy_peer geodesy_peer.cpp -lGeographicLib
#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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
    double total = 0;
    std::vector<double> walls, cpus;
    for (int pass = 0; pass < 5; ++pass) {
        auto t0 = std::chrono::steady_clock::now();
        std::clock_t c0 = std::clock();
        double sum = 0;
        for (long p = 0; p < pairs; ++p) {
            double s12, azi1, azi2;
            g.Inverse(lat[2 * p], lon[2 * p], lat[2 * p + 1], lon[2 * p + 1], s12, azi1, azi2);
            sum += s12;
        }
        cpus.push_back(double(std::clock() - c0) / CLOCKS_PER_SEC);
        walls.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        total = sum;
    }
    std::sort(walls.begin(), walls.end());
    std::sort(cpus.begin(), cpus.end());
    std::printf("{\"peer\": \"GeographicLib C++ %s\", \"pairs\": %ld, \"pairs_per_second\": %.1f, "
                "\"pairs_per_cpu_second\": %.1f, \"mean_metres\": %.3f}\n",
                GEOGRAPHICLIB_VERSION_STRING, pairs, pairs / walls[2], pairs / cpus[2], total / pairs);
    return 0;
}
