// A 3×3 convolution with a zero border, the operation behind every blur, sharpen and edge filter.
//
// image:  a greyscale image as an array of rows, e.g. [[0, 0, 10], [0, 0, 10]] (2 rows, 3 columns)
// kernel: 3 rows of 3 numbers
// Return a NEW array of rows, the same size as the image, where each pixel is
//   out[y][x] = sum over i, j from 0 to 2 of kernel[i][j] * image[y + i - 1][x + j - 1]
// and a pixel outside the image counts as 0.

function convolve3x3(image, kernel) {
  const height = image.length;
  const width = image[0].length;
  // TODO: replace this copy of the image with the convolution.
  return image.map((row) => row.slice());
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
