// Where the templates are: templates/*.hbs (filled from data) and templates/python/ (fixed code).
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
