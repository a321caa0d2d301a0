// Every migration, oldest first. `npm run migration:generate` appends new ones here.
import { Foundation1764090000000 } from './1764090000000-Foundation';

export const MIGRATIONS = [Foundation1764090000000];
