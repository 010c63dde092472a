/** Splits on `separator` where it is not escaped with a caret (Adobe writes a literal , ; = ^ as ^, ^; ^= ^^). */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '^') i += 1;
    else if (text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unescapeCarets(text: string): string {
  return text.replace(/\^(.)/g, '$1');
}

const PRICE = /^\d+(\.\d+){0,1}$/;

/**
 * Revenue of a purchase hit: the sum of the Price fields of post_product_list
 * ("Category;Product;Quantity;Price;Events;eVars", products separated by commas), as Adobe's
 * Revenue metric counts it. Price is the total for the product's quantity, in the report suite's
 * currency. Null when no product has a price; a problem when a price is not a number.
 */
export function productListRevenue(productList: string): { revenue: number | null } | { problem: string } {
  let micros = 0;
  let priced = false;
  for (const product of splitUnescaped(productList, ',')) {
    if (product.trim() === '') continue;
    const fields = splitUnescaped(product, ';');
    const price = unescapeCarets(fields[3] ?? '').trim();
    if (price === '') continue;
    if (!PRICE.test(price)) return { problem: `price ${JSON.stringify(price)} of product ${JSON.stringify(unescapeCarets(fields[1] ?? ''))} is not a number` };
    // Summed in millionths so 19.99 + 10.02 is 30.01, not 30.009999999999998.
    micros += Math.round(Number(price) * 1_000_000);
    priced = true;
  }
  return { revenue: priced ? micros / 1_000_000 : null };
}
