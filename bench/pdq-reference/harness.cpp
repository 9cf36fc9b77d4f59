// Times Meta's reference PDQ hashing core (pdq/cpp, built from REF_PDQ_DIR, never vendored here) on the
// same in-memory inputs as bench/Takedown.Benchmarks/Hashing/PdqCoreBenchmark.cs:
//   hash512     512x512 RGB -> fillFloatLumaFromRGB + pdqHash256FromFloatLuma
//   dihedral512 512x512 RGB -> fillFloatLumaFromRGB + pdqDihedralHash256esFromFloatLuma
//   luma720p    1280x720 float luma -> copy into the work buffer (the reference filters in place) + pdqHash256FromFloatLuma
// Prints "name,wall_us,cpu_us,hash,quality" per case: medians over batches of wall-clock time (what
// BenchmarkDotNet measures) and of process CPU time (less disturbed on a machine shared with other jobs).
#include <pdq/cpp/hashing/pdqhashing.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <vector>

using facebook::pdq::hashing::Hash256;

namespace {

void formatHash(const Hash256& h, char* out) {
  for (int i = 15, k = 0; i >= 0; i--, k += 4) {
    std::snprintf(out + k, 5, "%04hx", h.w[i]);
  }
}

struct Timing {
  double wall;
  double cpu;
};

// Median over batches of wall-clock time and of process CPU time (std::clock) per operation.
template <typename F>
Timing medianMicros(F op, int perBatch, int batches) {
  std::vector<double> wall, cpu;
  for (int b = 0; b < batches; b++) {
    auto wallStart = std::chrono::steady_clock::now();
    std::clock_t cpuStart = std::clock();
    for (int i = 0; i < perBatch; i++) {
      op();
    }
    std::clock_t cpuStop = std::clock();
    auto wallStop = std::chrono::steady_clock::now();
    wall.push_back(std::chrono::duration<double, std::micro>(wallStop - wallStart).count() / perBatch);
    cpu.push_back(1e6 * (double)(cpuStop - cpuStart) / CLOCKS_PER_SEC / perBatch);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return Timing{wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

} // namespace

int main(int argc, char** argv) {
  int batches = argc > 1 ? std::atoi(argv[1]) : 15;

  // Same generator as PdqCoreBenchmark.Setup (LCG state carried from the RGB image to the luma frame).
  std::vector<uint8_t> rgb(512 * 512 * 3);
  uint32_t state = 13;
  for (int i = 0; i < 512; i++) {
    for (int j = 0; j < 512; j++) {
      for (int c = 0; c < 3; c++) {
        state = state * 1664525u + 1013904223u;
        rgb[((i * 512) + j) * 3 + c] = (uint8_t)((i * 3) + (j * 7) + (c * 85) + (int)((state >> 24) & 31));
      }
    }
  }
  std::vector<float> luma720(1280 * 720);
  for (size_t k = 0; k < luma720.size(); k++) {
    state = state * 1664525u + 1013904223u;
    luma720[k] = ((float)(k % 1280) * 0.1f) + ((float)(k / 1280) * 0.2f) + (float)(state >> 27);
  }

  std::vector<float> buffer1(1280 * 720), buffer2(1280 * 720);
  static float b64[64][64], b16x64[16][64], b16[16][16], aux[16][16];
  Hash256 hash, dih[8];
  int quality = 0;
  char hex[65];

  auto hash512 = [&] {
    facebook::pdq::hashing::fillFloatLumaFromRGB(&rgb[0], &rgb[1], &rgb[2], 512, 512, 512 * 3, 3, buffer1.data());
    facebook::pdq::hashing::pdqHash256FromFloatLuma(buffer1.data(), buffer2.data(), 512, 512, b64, b16x64, b16, hash, quality);
  };
  auto dihedral512 = [&] {
    facebook::pdq::hashing::fillFloatLumaFromRGB(&rgb[0], &rgb[1], &rgb[2], 512, 512, 512 * 3, 3, buffer1.data());
    facebook::pdq::hashing::pdqDihedralHash256esFromFloatLuma(
        buffer1.data(), buffer2.data(), 512, 512, b64, b16x64, b16, aux,
        &dih[0], &dih[1], &dih[2], &dih[3], &dih[4], &dih[5], &dih[6], &dih[7], quality);
  };
  auto luma720p = [&] {
    std::memcpy(buffer1.data(), luma720.data(), luma720.size() * sizeof(float));
    facebook::pdq::hashing::pdqHash256FromFloatLuma(buffer1.data(), buffer2.data(), 720, 1280, b64, b16x64, b16, hash, quality);
  };

  Timing t = medianMicros(hash512, 20, batches);
  formatHash(hash, hex);
  std::printf("hash512,%.2f,%.2f,%s,%d\n", t.wall, t.cpu, hex, quality);
  t = medianMicros(dihedral512, 20, batches);
  formatHash(dih[1], hex);
  std::printf("dihedral512,%.2f,%.2f,%s,%d\n", t.wall, t.cpu, hex, quality);
  t = medianMicros(luma720p, 5, batches);
  formatHash(hash, hex);
  std::printf("luma720p,%.2f,%.2f,%s,%d\n", t.wall, t.cpu, hex, quality);
  return 0;
}
