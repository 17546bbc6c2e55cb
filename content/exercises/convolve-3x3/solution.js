// A 3×3 convolution with a zero border (cross-correlation, as in CNNs and tf.conv2d):
//   out[y][x] = sum over i, j of kernel[i][j] * image[y + i - 1][x + j - 1], outside pixels = 0.

function convolve3x3(image, kernel) {
  const height = image.length;
  const width = image[0].length;
  // The pixel at row r, column c, or 0 outside the image (the zero border).
  const at = (r, c) => (r >= 0 && r < height && c >= 0 && c < width ? image[r][c] : 0);

  const out = [];
  for (let y = 0; y < height; y++) {
    const row = [];
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          sum += kernel[i][j] * at(y + i - 1, x + j - 1);
        }
      }
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

// Try it: a dark 12 × 12 image with a bright square in the middle, through Sobel x.
const square = Array.from({ length: 12 }, (_, y) =>
  Array.from({ length: 12 }, (_, x) => (y >= 3 && y < 9 && x >= 3 && x < 9 ? 255 : 0)),
);
const sobelX = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]];
const edges = convolve3x3(square, sobelX);
print('row 5 of the result:', edges[5].join(' '));
show.images(square, { title: 'the image' });
show.images(edges, { title: 'Sobel x (mid grey is 0)' });
