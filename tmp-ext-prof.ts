import { loadTaxonomy } from './taxonomy';
import { createSkillExtractor } from './processors/enrich/skills/extract';
import { syntheticPosting } from './bench/extraction';
const taxonomy = loadTaxonomy();
const postings = Array.from({ length: 500 }, (_, i) => syntheticPosting(taxonomy.technologies, i + 1));
const ex = createSkillExtractor(taxonomy);
for (const p of postings) ex.extract(p);
const t = performance.now(); let n = 0;
while (performance.now() - t < 6000) { for (const p of postings) ex.extract(p); n += postings.length; }
console.log('per s', (n / (performance.now() - t)) * 1000);
