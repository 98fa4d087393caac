// What the demo data job (modules/demo) writes through: the same services the API uses.
export { createMember } from './members.service';
export { recordPurchases } from './purchases-bulk.service';
export { addNote } from './notes.service';
export { createTask } from './tasks.service';
export { addAnniversary, addRelation } from './relations.service';
export { createProduct, listCategories, saveCategory } from './catalog.service';
