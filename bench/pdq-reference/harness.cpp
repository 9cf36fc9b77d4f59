// Times Meta's reference PDQ hashing core (pdq/cpp, built from REF_PDQ_DIR, never vendored here) on the
// same in-memory inputs as bench/Takedown.Benchmarks/Hashing/PdqCoreBenchmark.cs:
//   hash512     512x512 RGB -> fillFloatLumaFromRGB + pdqHash256FromFloatLuma
//   dihedral512 512x512 RGB -> fillFloatLumaFromRGB + pdqDihedralHash256esFromFloatLuma
//   luma720p    1280x720 float luma -> copy into the work buffer (the reference filters in place) + pdqHash256FromFloatLuma
// Prints "name,microseconds_per_op,hash,quality" per case: the median over batches of process CPU time
// (std::clock), which a machine shared with other jobs disturbs far less than wall-clock time.
#include <pdq/cpp/hashing/pdqhashing.h>

#include <algorithm>
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

template <typename F>
double medianMicros(F op, int perBatch, int batches) {
  std::vector<double> samples;
  for (int b = 0; b < batches; b++) {
    std::clock_t start = std::clock();
    for (int i = 0; i < perBatch; i++) {
      op();
    }
    std::clock_t stop = std::clock();
    samples.push_back(1e6 * (double)(stop - start) / CLOCKS_PER_SEC / perBatch);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
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

  double t = medianMicros(hash512, 20, batches);
  formatHash(hash, hex);
  std::printf("hash512,%.2f,%s,%d\n", t, hex, quality);
  t = medianMicros(dihedral512, 20, batches);
  formatHash(dih[1], hex);
  std::printf("dihedral512,%.2f,%s,%d\n", t, hex, quality);
  t = medianMicros(luma720p, 5, batches);
  formatHash(hash, hex);
  std::printf("luma720p,%.2f,%s,%d\n", t, hex, quality);
  return 0;
}
